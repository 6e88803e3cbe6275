// The explorer's shell: navigation across the pages (hash routes, so the built app works from any
// static server) and an error boundary around each page.

import { type ReactNode, useEffect, useState } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ComingSoon } from './pages/ComingSoon';
import { DataPage } from './pages/data/DataPage';
import { EmbeddingsPage } from './pages/embeddings/EmbeddingsPage';
import { Home } from './pages/Home';
import { TokensPage } from './pages/tokens/TokensPage';

interface Page {
  path: string;
  title: string;
  render: () => ReactNode;
}

const soon =
  (title: string, what: string): Page['render'] =>
  () => <ComingSoon title={title} what={what} />;

export const PAGES: Page[] = [
  { path: '', title: 'Home', render: () => <Home /> },
  { path: 'tokens', title: 'Tokens', render: () => <TokensPage /> },
  {
    path: 'embeddings',
    title: 'Embeddings',
    render: () => <EmbeddingsPage />,
  },
  { path: 'data', title: 'Data', render: () => <DataPage /> },
  {
    path: 'train',
    title: 'Train',
    render: soon('Train', 'Pretrain a GPT by next-token prediction and watch the loss fall.'),
  },
  {
    path: 'autocomplete',
    title: 'Autocomplete',
    render: soon('Autocomplete', 'The model gives every token a probability of coming next.'),
  },
  { path: 'loss', title: 'Loss', render: soon('Loss', 'loss = −ln p(true next token): p = 0.8 gives 0.22.') },
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
