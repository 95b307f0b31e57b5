// The one Markdown escaper for table cells built from account data (names, messages, reasons): a
// resource name must not end a cell, open a code span, inject HTML or break the row.

/** Text that is safe in a GFM table cell: no pipes, backticks, HTML tags or line breaks from AWS data. */
export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/</g, '&lt;')
    .replace(/\r?\n|\r/g, ' ');
}

/**
 * An inline code span that is safe in a table cell: a backtick inside would end the span, so it becomes
 * a quote; a pipe is escaped (GFM splits cells before it parses code spans); line breaks become spaces.
 */
export function markdownCode(text: string): string {
  return '`' + text.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ') + '`';
}
