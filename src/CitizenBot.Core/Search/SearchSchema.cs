namespace CitizenBot.Core.Search;

/// <summary>
/// The index file's schema. Text arrives already analysed (folded words, bigrams joined by '_'), so FTS5's own
/// tokenizer only splits on spaces: unicode61 with '_' as a word character and diacritics kept.
/// </summary>
internal static class SearchSchema
{
    public const string Create = """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE VIRTUAL TABLE docs USING fts5(name, field, body, content='', tokenize = "unicode61 remove_diacritics 0 tokenchars '_'");
        CREATE TABLE features(rowid INTEGER PRIMARY KEY, code TEXT NOT NULL, name_terms TEXT NOT NULL, titles TEXT NOT NULL,
                              field_terms TEXT NOT NULL, body_terms TEXT NOT NULL, name_accented_words TEXT NOT NULL);
        """;

    /// <summary>
    /// Candidates are matched in name and field only: the reranker's decisive features are about the name, and leaving
    /// body text out of retrieval is what keeps a query near a millisecond (body evidence still counts when candidates
    /// are reranked). Unranked, in rowid order: the reranker orders them.
    /// </summary>
    public const string AllCandidates = "SELECT rowid FROM docs WHERE docs MATCH '{name field} : (' || $query || ')' LIMIT $limit";

    /// <summary>The best candidates by BM25 with field weights (name and aliases 10, field 3), for questions that match too many to rerank.</summary>
    public const string BestCandidates = "SELECT rowid FROM docs WHERE docs MATCH '{name field} : (' || $query || ')' ORDER BY bm25(docs, 10.0, 3.0, 1.0) LIMIT $limit";
}
