import './base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { connect } from './data/connect';
import { Workspace } from './data/workspace';
import { parseRoute } from './data/route';
import { preloadView } from './shell/view-chunks';

// The first view's chunk downloads while the backend connection opens (issue 15: the
// shell and the current view, nothing else, before the first view).
preloadView(parseRoute(location.hash).view);

const root = createRoot(document.getElementById('root')!);
const lifetime = new AbortController();
let workspace: Workspace | undefined;

connect((reason) => workspace?.markBackendLost(reason)).then(
  (api) => {
    workspace = new Workspace(api, lifetime.signal);
    root.render(
      <StrictMode>
        <App workspace={workspace} />
      </StrictMode>,
    );
  },
  (error: Error) => {
    root.render(
      <main className="first-run">
        <h1>Pilothouse cannot reach its backend</h1>
        <p role="alert">{error.message}</p>
      </main>,
    );
  },
);
