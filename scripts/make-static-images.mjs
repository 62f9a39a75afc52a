// Renders the PNGs in public/ (app icons and the social preview image) from public/favicon.svg
// and a small HTML card, with the same Chromium the end-to-end tests use. Run by hand when the
// logo or the card changes: node scripts/make-static-images.mjs
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const logo = readFileSync('public/favicon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<body style="margin:0">${logo.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: `public/icon-${size}.png`, omitBackground: true });
  await page.close();
}

const node = (x, y, badge, color, title, line) => `
  <g transform="translate(${x} ${y})">
    <rect width="200" height="96" rx="10" fill="#fff" stroke="#c9d1da" stroke-width="2"/>
    <rect x="14" y="14" width="34" height="24" rx="5" fill="${color}"/>
    <text x="31" y="31" font-size="13" font-weight="700" fill="#fff" text-anchor="middle">${badge}</text>
    <text x="60" y="32" font-size="18" font-weight="600" fill="#1f2933">${title}</text>
    <text x="16" y="66" font-size="14" fill="#5b6470">${line}</text>
    <rect x="16" y="76" width="168" height="6" rx="3" fill="#edf0f3"/>
  </g>`;
const card = `
<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" font-family="Liberation Sans, DejaVu Sans, sans-serif">
  <rect width="1200" height="630" fill="#f4f6f8"/>
  <g transform="translate(70 70) scale(1.2)">${logo.replace(/<\/?svg[^>]*>/g, '')}</g>
  <text x="170" y="122" font-size="60" font-weight="700" fill="#1f2933">archsim</text>
  <text x="72" y="200" font-size="30" fill="#39424e">Draw an architecture, press Play, watch it scale or fall over.</text>
  <text x="72" y="244" font-size="22" fill="#5b6470">A discrete-event simulation of real load balancers, queues, caches and databases, in your browser.</text>
  <g stroke="#7b8794" stroke-width="3" fill="none"><path d="M270 358h60M530 358h60M790 358h60"/></g>
  ${node(70, 310, 'CL', '#6d5bd0', 'Users', '800 rps, poisson')}
  ${node(330, 310, 'LB', '#0f8b8d', 'Load balancer', 'least connections')}
  ${node(590, 310, 'SV', '#2f6fdb', 'Web', '3 × 8 workers')}
  ${node(850, 310, 'DB', '#2c7a4b', 'Postgres', '20 connections')}
  <path d="M70 560 C 250 555, 330 520, 450 530 S 650 470, 760 500 S 980 440, 1130 450" stroke="#2f7ed8" stroke-width="4" fill="none"/>
  <path d="M70 590 C 250 585, 330 570, 450 575 S 650 540, 760 560 S 980 520, 1130 530" stroke="#d9463b" stroke-width="4" fill="none"/>
</svg>`;
const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
await page.setContent(`<body style="margin:0">${card}</body>`);
await page.screenshot({ path: 'public/social-preview.png' });
await browser.close();
