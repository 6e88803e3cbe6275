// Every removal reason in plain words, for reports and the Data page: what the rule measured and
// why a page that fails it is poor training text. Keys are the reason codes of stats.json.

export const REASONS: Readonly<Record<string, string>> = {
  // read
  binary_file: 'The file is binary (it holds NUL bytes), not text.',
  invalid_utf8: 'A line is not valid UTF-8; it was skipped.',
  empty_file: 'The file is empty.',
  bad_json: 'A JSONL line is not a JSON object.',
  missing_text: 'A JSONL line has no text in the chosen field.',
  unreadable: 'The file could not be read.',
  bad_gzip: 'The gzip data breaks off (a truncated download); what came before it was read.',
  bad_parquet: 'The file is not a readable parquet file.',
  bad_row_group: 'A parquet row group could not be decoded; its rows were skipped.',
  not_warc: 'The file is not a WARC archive.',
  bad_warc: 'The WARC archive holds bytes that are not a record; reading stopped there.',
  bad_record: 'A WARC record could not be read.',
  bad_http_header: 'A WARC response whose HTTP header is broken.',
  truncated_record: 'A WARC record shorter than it says (a truncated gzip member or download).',
  record_too_large: 'A WARC record above the size limit.',
  // URL filter
  blocked_domain: "The page's domain is on the block list (adult, spam, malware sites).",
  blocked_url_word: "A word of the page's URL is on the block list.",
  // language
  other_language: 'The most likely language (fastText lid.176) is not one kept.',
  low_language_score:
    'The language is right but the model is not sure enough (probability under the threshold).',
  // normalize
  empty: 'Nothing but whitespace or control characters.',
  // Gopher repetition
  dup_para_frac: 'Too many paragraphs are copies of earlier ones (boilerplate, spam).',
  dup_para_char_frac: 'Too much of the text sits in repeated paragraphs.',
  dup_line_frac: 'Too many lines are copies of earlier lines (menus, templates).',
  dup_line_char_frac: 'Too much of the text sits in repeated lines.',
  top_2_gram: 'One word pair covers too much of the text.',
  top_3_gram: 'One three-word phrase covers too much of the text.',
  top_4_gram: 'One four-word phrase covers too much of the text.',
  duplicated_5_n_grams: 'Too much of the text is 5-word phrases said before.',
  duplicated_6_n_grams: 'Too much of the text is 6-word phrases said before.',
  duplicated_7_n_grams: 'Too much of the text is 7-word phrases said before.',
  duplicated_8_n_grams: 'Too much of the text is 8-word phrases said before.',
  duplicated_9_n_grams: 'Too much of the text is 9-word phrases said before.',
  duplicated_10_n_grams: 'Too much of the text is 10-word phrases said before.',
  // Gopher quality
  gopher_short_doc: 'Fewer than 50 words: too short to be a real document.',
  gopher_long_doc: 'More than 100,000 words: a dump, not a document.',
  gopher_below_avg_threshold: 'Words average under 3 letters: not prose.',
  gopher_above_avg_threshold: 'Words average over 10 letters: codes, URLs or glued text.',
  gopher_too_many_hashes: 'Too many # per word (hashtags, markup).',
  gopher_too_many_ellipsis: 'Too many ellipses per word (teasers, truncated snippets).',
  gopher_too_many_bullets: 'Over 90 % of lines are bullet points.',
  gopher_too_many_end_ellipsis: 'Over 30 % of lines trail off with an ellipsis.',
  gopher_below_alpha_threshold: 'Under 80 % of words contain a letter (numbers, symbols, tables).',
  gopher_enough_stop_words: 'Fewer than 2 of the, be, to, of, and, that, have, with: not English prose.',
  // C4
  lorem_ipsum: 'Contains "lorem ipsum" placeholder text.',
  curly_bracket: 'Contains a curly bracket: code or templates.',
  too_few_sentences: 'Fewer than 5 sentences left after dropping bad lines.',
  c4_line_too_few_words: 'Lines of fewer than 3 words (menus, headings, buttons).',
  c4_line_javascript: 'Lines mentioning JavaScript ("please enable JavaScript").',
  c4_line_policy: 'Cookie, privacy-policy and terms-of-use lines.',
  c4_line_too_long_word: 'Lines with a "word" over 1,000 characters.',
  c4_line_no_terminal_punct: 'Lines not ending in . ? ! or a quote.',
  // FineWeb
  line_punct_ratio: 'At most 12 % of lines end in punctuation: lists and fragments.',
  short_line_ratio: 'At least 67 % of lines are 30 characters or shorter.',
  char_dup_ratio: 'At least 1 % of the characters are in repeated lines.',
  list_ratio: 'More than 0.3 line breaks per word: a list, not prose.',
  // dedup
  exact_duplicate: 'The same text (after normalization) was seen before; the first copy is kept.',
  near_duplicate:
    'Nearly the same text was seen before (MinHash: estimated Jaccard similarity of word 5-grams).',
};

/** The plain-words explanation of a reason (the code itself when unknown). */
export function explainReason(reason: string): string {
  return REASONS[reason] ?? reason;
}
