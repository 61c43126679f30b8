export { parsePage } from './segment.js';
export type { Article, ArticleKind, Credit, Message, Noise, NoiseRule, Page, Part, Span } from './types.js';
