/**
 * Exponential variates by Marsaglia and Tsang's ziggurat (J. Stat. Softw. 5(8), 2000): 256
 * layers of equal area; about 99% of draws cost one 32-bit number, a comparison and a
 * multiplication, with no logarithm. The layer index takes the low 8 bits and the position
 * the other 24, so the two are independent (the paper's version shares bits between them).
 * The tables are computed with the engine's own exp and log, so they are identical in every
 * JavaScript engine, and so is every draw.
 */
import { exp, log } from './detMath';
import type { Rng } from './rng';

const LAYERS = 256;
const M = 16777216; // 2^24: the range of the 24-bit position
const R = 7.697117470131487; // where the tail starts
const V = 3.949659822581572e-3; // the area of each layer

const ke = new Uint32Array(LAYERS);
const we = new Float64Array(LAYERS);
const fe = new Float64Array(LAYERS);
{
  let de = R;
  let te = R;
  const q = V / exp(-de);
  ke[0] = Math.floor((de / q) * M);
  ke[1] = 0;
  we[0] = q / M;
  we[LAYERS - 1] = de / M;
  fe[0] = 1;
  fe[LAYERS - 1] = exp(-de);
  for (let i = LAYERS - 2; i >= 1; i--) {
    de = -log(V / de + exp(-de));
    ke[i + 1] = Math.floor((de / te) * M);
    te = de;
    fe[i] = exp(-de);
    we[i] = de / M;
  }
}

/** Uniform in (0, 1): never 0, so its logarithm is finite. */
function open01(rng: Rng): number {
  return (rng.nextU32() + 0.5) * 2.3283064365386963e-10;
}

/** A standard exponential variate (mean 1). */
export function standardExponential(rng: Rng): number {
  let u = rng.nextU32();
  let i = u & 255;
  let j = u >>> 8;
  if (j < ke[i]) return j * we[i];
  for (;;) {
    if (i === 0) return R - log(open01(rng)); // the tail beyond R, by memorylessness
    const x = j * we[i];
    if (fe[i] + open01(rng) * (fe[i - 1] - fe[i]) < exp(-x)) return x;
    u = rng.nextU32();
    i = u & 255;
    j = u >>> 8;
    if (j < ke[i]) return j * we[i];
  }
}
