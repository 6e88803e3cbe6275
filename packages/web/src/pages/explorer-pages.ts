// The explorer's workbench pages for the app's navigation (Train, Autocomplete, Loss, Inside), each
// loaded on first visit so the first paint carries none of their code.

import { createElement } from 'react';
import type { Page } from '../App';
import { lazyPage } from '../components/LazyPage';

const page = (path: string, title: string, load: Parameters<typeof lazyPage>[0]): Page => {
  const Lazy = lazyPage(load);
  return { path, title, render: () => createElement(Lazy) };
};

export const EXPLORER_PAGES: Page[] = [
  page('train', 'Train', () => import('./train/TrainPage')),
  page('autocomplete', 'Autocomplete', () => import('./autocomplete/AutocompletePage')),
  page('loss', 'Loss', () => import('./loss/LossPage')),
  page('inside', 'Inside', () => import('./inside/InsidePage')),
];
