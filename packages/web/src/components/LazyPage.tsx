// Loads a page's code only when it is opened (React.lazy + Suspense), so the first paint of the
// app carries the shell alone and the chart library, zip library and page code come later.

import { type ComponentType, lazy, type ReactElement, Suspense } from 'react';

export function lazyPage(load: () => Promise<{ default: ComponentType }>): () => ReactElement {
  const Page = lazy(load);
  return () => (
    <Suspense fallback={<p aria-busy="true">Loading the page…</p>}>
      <Page />
    </Suspense>
  );
}
