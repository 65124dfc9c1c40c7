using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace CitizenBot.Core.Search;

/// <summary>
/// The Lucene index's schema: one document per procedure, its text analysed by <see cref="VietnameseAnalyzer"/> (folded
/// words and bigrams joined by '_'; accented words as written in <see cref="Accented"/>). Name (with aliases) and
/// field are retrieved by, with BM25 boosts; body and accented name words are only asked which documents hold a term
/// (read into term sets when a searcher opens, which also count the typo-correction vocabulary's document frequencies
/// from the folded words of name, field and body); the titles the reranker compares a question with are doc values.
/// </summary>
public static class SearchIndex
{
    public static readonly LuceneVersion Version = VietnameseAnalyzer.Version;

    /// <summary>Procedure code: indexed as one term, stored.</summary>
    public const string Code = "code";
    /// <summary>Position in the catalogue (numeric doc value): ties in rank and the procedure itself.</summary>
    public const string Row = "row";
    /// <summary>Folded words and word pairs of the name and aliases.</summary>
    public const string Name = "name";
    /// <summary>Folded words and word pairs of the field (lĩnh vực).</summary>
    public const string Field = "field";
    /// <summary>Folded words and word pairs of description, result, applicants, agency, documents and steps.</summary>
    public const string Body = "body";
    /// <summary>The name's and aliases' words that carry diacritics, as written (see <see cref="CitizenBot.Core.Analysis.Filters.AccentedWordFilter"/>).</summary>
    public const string Accented = VietnameseAnalyzer.AccentedWordsField;
    /// <summary>Each title's folded words, space-separated, titles separated by '|' (binary doc value).</summary>
    public const string Titles = "titles";
    /// <summary>The field's folded words and pairs, space-separated (binary doc value): part of what each title means.</summary>
    public const string FieldTerms = "field_terms";

    /// <summary>Per-field boosts in retrieval, as FTS5's bm25 weights were: name and aliases 10, field 3 (body 1, not retrieved by).</summary>
    public const float NameBoost = 10f, FieldBoost = 3f;

    /// <summary>The commit user-data key holding the fingerprint of what the index was built from.</summary>
    public const string FingerprintKey = "fingerprint";

    /// <summary>Lucene's limit on one binary doc value.</summary>
    const int MaxBinaryValueBytes = 32766;

    public static Similarity Similarity() => new BM25Similarity();

    static readonly FieldType Ranked = Frozen(new FieldType { IsIndexed = true, IsTokenized = true, IndexOptions = IndexOptions.DOCS_AND_FREQS });
    static readonly FieldType Presence = Frozen(new FieldType { IsIndexed = true, IsTokenized = true, IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true });

    static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    public static Document ToDocument(int row, IndexedDocument d) =>
    [
        new StringField(Code, d.Code, Lucene.Net.Documents.Field.Store.YES),
        new NumericDocValuesField(Row, row),
        new Field(Name, VietnameseAnalyzer.Field(d.NameWords, Name), Ranked),
        new Field(Field, VietnameseAnalyzer.Field(d.FieldWords, Field), Ranked),
        new Field(Body, new TermListTokenStream(d.BodyTerms), Presence),
        new Field(Accented, VietnameseAnalyzer.Field(d.NameWords, Accented), Presence),
        new BinaryDocValuesField(Titles, new BytesRef(EncodeTitles(d.TitleWords))),
        new BinaryDocValuesField(FieldTerms, new BytesRef(EncodeTitles([d.FieldTerms]))),
    ];

    /// <summary>Titles as "w w w|w w"; the last aliases are left out in the rare case the whole exceeds a doc value.</summary>
    internal static byte[] EncodeTitles(string[][] titles)
    {
        for (var count = titles.Length; ; count--)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join('|', titles.Take(count).Select(t => string.Join(' ', t))));
            if (bytes.Length <= MaxBinaryValueBytes || count <= 1) return bytes.Length <= MaxBinaryValueBytes ? bytes : bytes[..0];
        }
    }

    /// <summary>Titles encoded by <see cref="EncodeTitles"/>; each word that is a term of <paramref name="ids"/> as its one copy there.</summary>
    internal static string[][] DecodeTitles(BytesRef value, TermIds ids) =>
        value.Utf8ToString().Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => Array.ConvertAll(t.Split(' '), word => SharedTerm(ids, word))).ToArray();

    /// <summary>
    /// The copy of <paramref name="term"/> that <paramref name="ids"/> holds, else <paramref name="term"/>: every string
    /// read from the index is a new copy, and the searcher keeps each procedure's title words and the vocabulary's
    /// name terms for its life (on the national catalogue, 2.4 MB of copies of terms it already held).
    /// </summary>
    internal static string SharedTerm(TermIds ids, string term) => ids.Find(term) is >= 0 and var id ? ids.TermOf(id) : term;

    /// <summary>The fingerprint of the last commit, or null when the directory holds no readable index.</summary>
    public static string? ReadFingerprint(LuceneDirectory directory)
    {
        try
        {
            if (!DirectoryReader.IndexExists(directory)) return null;
            var commit = new SegmentInfos();
            commit.Read(directory);
            return commit.UserData.TryGetValue(FingerprintKey, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null; // Damaged or not an index: it will be rebuilt.
        }
    }

    /// <summary>Opens searchers with BM25, as the index was written.</summary>
    internal sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity() };
    }
}
