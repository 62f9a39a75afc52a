import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { EmbedApp } from './ui/EmbedApp';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { startApp } from './ui/library/startup';
import { installTestHook } from './ui/testHook';
import { startTheme } from './ui/theme';
import './ui/styles.css';

installTestHook();
startTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Storage is read and a link in the address opened before the first render, so the canvas
// never shows one design and then another.
void startApp().then(({ embed }) =>
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>{embed ? <EmbedApp /> : <App />}</ErrorBoundary>
    </StrictMode>,
  ),
);
