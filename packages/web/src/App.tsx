// The explorer's shell: the home page is the tour's first step; navigation in two groups — the
// tour's steps (#/tour/<step>) and the workbench pages — plus About (the kernel diagnostics); hash
// routes, so the built app works from any static server; an error boundary around each page.

import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { lazyPage } from './components/LazyPage';
import { DataPage } from './pages/data/DataPage';
import { EXPLORER_PAGES } from './pages/explorer-pages';
import { TokensPage } from './pages/tokens/TokensPage';
import { STEP_LIST as STEPS } from './pages/tour/step-list';

export interface Page {
  path: string;
  title: string;
  render: () => ReactNode;
}

const TourPage = lazy(() => import('./pages/tour/TourPage'));
const Tour = ({ step }: { step: number }) => (
  <Suspense fallback={<p aria-busy="true">Loading the tour…</p>}>
    <TourPage step={step} />
  </Suspense>
);
const About = lazyPage(() => import('./pages/About'));

/** The workbench: each capability on its own page, for learners who want to try things. */
export const PAGES: Page[] = [
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

/** The hash route of a tour step: the first step is the home page. */
export function stepHref(i: number): string {
  return i === 0 ? '#/' : `#/tour/${STEPS[i].id}`;
}

export function App() {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const stepId =
    path === '' || path === 'tour' ? STEPS[0].id : path.startsWith('tour/') ? path.slice(5) : undefined;
  const stepIndex =
    stepId === undefined
      ? -1
      : Math.max(
          0,
          STEPS.findIndex((s) => s.id === stepId),
        );
  const page = PAGES.find((p) => p.path === path);
  const body =
    stepIndex >= 0 ? (
      <Tour step={stepIndex} />
    ) : path === 'about' ? (
      <About />
    ) : page ? (
      page.render()
    ) : (
      <Tour step={0} />
    );
  return (
    <div className="app">
      <nav aria-label="pages">
        <a className="brand" href="#/">
          glassbox
        </a>
        <div className="nav-group">
          <h2 id="nav-tour">Tour</h2>
          <ol aria-labelledby="nav-tour">
            {STEPS.map((s, i) => (
              <li key={s.id}>
                <a href={stepHref(i)} aria-current={i === stepIndex ? 'step' : undefined}>
                  {s.title}
                </a>
              </li>
            ))}
          </ol>
        </div>
        <div className="nav-group">
          <h2 id="nav-workbench">Workbench</h2>
          <ul aria-labelledby="nav-workbench">
            {PAGES.map((p) => (
              <li key={p.path}>
                <a href={`#/${p.path}`} aria-current={p === page ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
            <li>
              <a href="#/about" aria-current={path === 'about' ? 'page' : undefined}>
                About
              </a>
            </li>
          </ul>
        </div>
      </nav>
      <main>
        <ErrorBoundary key={stepIndex >= 0 ? 'tour' : path}>{body}</ErrorBoundary>
      </main>
    </div>
  );
}
