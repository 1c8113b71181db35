import './base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { connect } from './data/connect';
import { Workspace } from './data/workspace';

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
