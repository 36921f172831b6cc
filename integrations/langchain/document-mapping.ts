/** A retrieved document as recorded. */
export interface TracedDocument {
  pageContent: unknown;
  metadata?: unknown;
  id?: string;
}

/** What a retriever's output is recorded as: the first documents and how many there were. */
export interface TracedDocuments {
  documents: TracedDocument[];
  /** How many documents the retriever returned (more than `documents.length` when bounded). */
  count: number;
}

/**
 * At most this many documents of one retriever run are recorded; the rest are counted in `count`.
 * Each document's content and metadata are further bounded by the core's capture limits.
 */
export const MAX_TRACED_DOCUMENTS = 50;

interface DocumentLike {
  pageContent: unknown;
  metadata?: unknown;
  id?: unknown;
}

/** True for a LangChain `Document` (checked structurally). */
export function isDocumentLike(value: unknown): value is DocumentLike {
  return typeof value === "object" && value !== null && "pageContent" in value && typeof value.pageContent === "string";
}

/** Maps one document, keeping its content, metadata and id. */
export function toTracedDocument(doc: DocumentLike): TracedDocument {
  const out: TracedDocument = { pageContent: doc.pageContent };
  if (doc.metadata !== undefined && !isEmptyObject(doc.metadata)) out.metadata = doc.metadata;
  if (typeof doc.id === "string") out.id = doc.id;
  return out;
}

/** Maps a retriever's documents to {@link TracedDocuments}, keeping at most {@link MAX_TRACED_DOCUMENTS}; a non-array is returned as is. */
export function toTracedDocuments(docs: unknown): unknown {
  if (!Array.isArray(docs)) return docs;
  const documents: TracedDocument[] = docs.slice(0, MAX_TRACED_DOCUMENTS).map((d) => (isDocumentLike(d) ? toTracedDocument(d) : { pageContent: d }));
  const traced: TracedDocuments = { documents, count: docs.length };
  return traced;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}
