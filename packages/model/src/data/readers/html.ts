// HTML → visible text with htmlparser2's streaming parser (fed in chunks; tolerant of broken
// markup; entities decoded). Dropped: script, style and other non-text elements, and page
// chrome — nav, header, footer, aside, form controls, menus — plus anything marked hidden
// (the hidden attribute, aria-hidden="true", role="navigation"). Block elements become line
// breaks (paragraph-like ones a blank line); whitespace inside text collapses as a browser
// would, except in <pre>. Not handled: CSS-hidden content, text drawn by scripts, <title>.

import { Parser } from 'htmlparser2';
import type { RawDocument, ReadIssue } from '../document.js';
import type { NumberedLine } from './lines.js';

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'option',
  'textarea',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'menu',
  'dialog',
]);
const PARAGRAPH = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dl',
  'table',
  'section',
  'article',
  'main',
  'figure',
  'hr',
  'address',
  'details',
]);
const LINE = new Set(['br', 'div', 'li', 'dt', 'dd', 'tr', 'figcaption', 'summary', 'caption', 'body']);

/** Extracts visible text; write() chunks of HTML, then end() returns the text. */
export class HtmlTextExtractor {
  private out: string[] = [];
  private skipDepth = 0;
  private preDepth = 0;
  /** Line break owed before the next text: 0 none, 1 newline, 2 blank line. */
  private pendingBreak = 0;
  /** Open elements, each marked when it started a skipped subtree. */
  private stack: boolean[] = [];
  private readonly parser: Parser;

  constructor() {
    this.parser = new Parser(
      {
        onopentag: (name, attribs) => {
          const hidden =
            SKIP.has(name) ||
            'hidden' in attribs ||
            attribs['aria-hidden'] === 'true' ||
            attribs.role === 'navigation';
          this.stack.push(hidden);
          if (hidden) this.skipDepth++;
          if (name === 'pre') this.preDepth++;
          this.block(name);
          if ((name === 'td' || name === 'th') && this.skipDepth === 0) this.emit(' ');
        },
        onclosetag: (name) => {
          if (this.stack.pop()) this.skipDepth--;
          if (name === 'pre') this.preDepth--;
          this.block(name);
        },
        ontext: (text) => {
          if (this.skipDepth > 0) return;
          this.emit(this.preDepth > 0 ? text : text.replace(/\s+/g, ' '));
        },
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    );
  }

  write(html: string): void {
    this.parser.write(html);
  }

  end(): string {
    this.parser.end();
    return this.out
      .join('')
      .split('\n')
      .map((l) => l.trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  private block(name: string): void {
    if (this.skipDepth > 0) return;
    if (PARAGRAPH.has(name)) this.pendingBreak = 2;
    else if (LINE.has(name)) this.pendingBreak = Math.max(this.pendingBreak, 1);
  }

  /** Text out, preceded by the strongest line break asked for since the last text. */
  private emit(s: string): void {
    if (this.pendingBreak > 0 && this.out.length > 0) this.out.push(this.pendingBreak === 2 ? '\n\n' : '\n');
    this.pendingBreak = 0;
    this.out.push(s);
  }
}

/** Visible text of an HTML string. */
export function htmlToText(html: string): string {
  const x = new HtmlTextExtractor();
  x.write(html);
  return x.end();
}

/**
 * An HTML file as one web-page document (its main content is extracted by the extract stage);
 * lines that fail to decode are reported.
 */
export async function* htmlDocuments(
  lines: AsyncIterable<NumberedLine | ReadIssue>,
  source: string,
): AsyncGenerator<RawDocument | ReadIssue> {
  const parts: string[] = [];
  for await (const item of lines) {
    if ('kind' in item) yield item;
    else parts.push(item.text);
  }
  const html = parts.join('\n');
  if (html.trim() !== '') yield { id: source, text: html, format: 'html', source, line: 1 };
}
