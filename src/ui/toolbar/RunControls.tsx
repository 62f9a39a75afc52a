/** Play, pause, step, reset, run to end, speed, the progress of simulated time, and messages. */
import { SPEEDS, type Speed } from '../../worker/pacer';
import { formatSeconds } from '../format';
import { simulation, useResults, useSession } from '../store';

function speedLabel(speed: Speed): string {
  return speed === 'max' ? 'max' : `${speed}×`;
}

function parseSpeed(value: string): Speed {
  return value === 'max' ? 'max' : (Number(value) as Speed);
}

const Icon = {
  play: <path d="M4 2.5v11l9-5.5z" />,
  pause: <path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" />,
  step: <path d="M2.5 2.5v11l8-5.5zM11 2.5h2.5v11H11z" />,
  reset: <path d="M8 2.5a5.5 5.5 0 1 1-5.2 3.7l1.9.7A3.5 3.5 0 1 0 8 4.5V7L4.5 3.5 8 0z" />,
  end: <path d="M1.5 2.5v11l6-5.5zM7.5 2.5v11l6-5.5zM13 2.5h1.5v11H13z" />,
};

function Svg({ children }: { children: React.ReactNode }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden fill="currentColor">
      {children}
    </svg>
  );
}

export function RunControls() {
  const status = useResults((s) => s.status);
  const speed = useSession((s) => s.speed);
  const { running, finished, simTimeMs, durationMs } = status;
  const state = running ? 'Running' : finished ? 'Finished' : simTimeMs > 0 ? 'Paused' : 'Ready';
  const playTitle = finished
    ? 'Continue the run past its end, for another planned duration (Space)'
    : 'Play at the chosen speed (Space)';
  const fraction = durationMs > 0 ? Math.min(1, simTimeMs / durationMs) : 0;

  return (
    <div className="run-bar">
      <div className="run-controls" role="toolbar" aria-label="Run controls">
        <button type="button" className="primary" data-testid="play" disabled={running} onClick={() => void simulation.play()} title={playTitle}>
          <Svg>{Icon.play}</Svg> <span className="label">{finished ? 'Continue' : 'Play'}</span>
        </button>
        <button type="button" data-testid="pause" disabled={!running} onClick={() => void simulation.pause()} title="Pause (Space)">
          <Svg>{Icon.pause}</Svg> <span className="label">Pause</span>
        </button>
        <button type="button" data-testid="step" onClick={() => void simulation.step()} title="Advance one frame of simulated time (.)">
          <Svg>{Icon.step}</Svg> <span className="label">Step</span>
        </button>
        <button type="button" data-testid="reset" onClick={() => void simulation.reset()} title="Start over from time 0 with the current design">
          <Svg>{Icon.reset}</Svg> <span className="label">Reset</span>
        </button>
        <button type="button" data-testid="run-to-end" disabled={finished} onClick={() => void simulation.runToEnd()} title="Run as fast as possible to the end">
          <Svg>{Icon.end}</Svg> <span className="label">Run to end</span>
        </button>
        <label className="speed">
          Speed
          <select data-testid="speed" value={String(speed)} onChange={(e) => void simulation.setSpeed(parseSpeed(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={String(s)} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <div className="progress" title={`${Math.round(fraction * 100)}% of the simulated duration`}>
          <progress data-testid="progress" value={simTimeMs} max={Math.max(durationMs, 1)} />
          <span className="progress-text" data-testid="sim-time">
            {formatSeconds(simTimeMs)} / {formatSeconds(durationMs)}
          </span>
        </div>
        <span className={`run-state state-${state.toLowerCase()}`} data-testid="run-state">
          {state}
        </span>
      </div>
    </div>
  );
}
