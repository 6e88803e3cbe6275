// The explorer's shell: navigation across the pages (hash routes, so the built app works from any
// static server) and an error boundary around each page.

import { type ReactNode, useEffect, useState } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { lazyPage } from './components/LazyPage';
import { DataPage } from './pages/data/DataPage';
import { EXPLORER_PAGES } from './pages/explorer-pages';
import { Home } from './pages/Home';
import { TokensPage } from './pages/tokens/TokensPage';

export interface Page {
  path: string;
  title: string;
  render: () => ReactNode;
}

export const PAGES: Page[] = [
  { path: '', title: 'Home', render: () => <Home /> },
  { path: 'tokens', title: 'Tokens', render: () => <TokensPage /> },
  {
    path: 'embeddings',
    title: 'Embeddings',
    render: lazyPage(() => import('./pages/embeddings/EmbeddingsPage')),
  },
  { path: 'data', title: 'Data', render: () => <DataPage /> },
  ...EXPLORER_PAGES,
  { path: 'finetune', title: 'Fine-tune', render: lazyPage(() => import('./pages/finetune/FinetunePage')) },
];

function currentPath(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

export function App() {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const page = PAGES.find((p) => p.path === path) ?? PAGES[0];
  return (
    <div className="app">
      <nav aria-label="pages">
        <span className="brand">glassbox</span>
        {PAGES.map((p) => (
          <a key={p.path} href={`#/${p.path}`} aria-current={p === page ? 'page' : undefined}>
            {p.title}
          </a>
        ))}
      </nav>
      <main>
        <ErrorBoundary key={page.path}>{page.render()}</ErrorBoundary>
      </main>
    </div>
  );
}
