/**
 * The last line of defence: an error while drawing shows what happened and offers the work
 * as a file, instead of a blank page.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { downloadScenario } from './library/exportFile';
import './library/library.css';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('archsim stopped drawing:', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert" data-testid="crash">
        <h1>Something went wrong while drawing the page</h1>
        <p>Your design is still here. Download it as a file, then reload the page.</p>
        <pre>{error.message}</pre>
        <p className="row">
          <button type="button" className="tool-button primary" onClick={downloadScenario}>
            Download your design
          </button>{' '}
          <button type="button" className="tool-button" onClick={() => location.reload()}>
            Reload
          </button>
        </p>
      </div>
    );
  }
}
