// The template gaps ("[…]") still in a reply, as the reply editor shows them before recording. Main decides (the renderer
// imports nothing from main but types): recordReply refuses a reply with gaps unless confirmed, counting them with
// replyGaps in main/domain/templates.ts; this is the same rule, and tests/unit/templates.test.ts checks both agree.
export interface ReplyGap {
  field: 'subject' | 'body';
  text: string;
  start: number;
  end: number;
}

const GAP = /\[[^[\]\r\n]*\]/g;

/** Subject first, then the text, each in order. */
export function gapsOf(subject: string, body: string): ReplyGap[] {
  const find = (field: ReplyGap['field'], text: string) =>
    [...text.matchAll(GAP)].map((match) => ({ field, text: match[0], start: match.index, end: match.index + match[0].length }));
  return [...find('subject', subject), ...find('body', body)];
}
