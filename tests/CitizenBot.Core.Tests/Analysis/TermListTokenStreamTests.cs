using CitizenBot.Core.Analysis;
using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Analysis.Filters;
using CitizenBot.Core.Tests.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace CitizenBot.Core.Tests.Analysis;

public sealed class TermListTokenStreamTests(TinyIndex index) : IClassFixture<TinyIndex>
{
    [Fact]
    public void Gives_the_terms_one_per_position_and_again_after_a_reset()
    {
        var stream = new TermListTokenStream(["khai", "khai_sinh", "sinh"]);
        FilterTestHelpers.AssertTokenStreamContents(stream, ["khai", "khai_sinh", "sinh"], positionIncrements: [1, 1, 1]);
        FilterTestHelpers.AssertTokenStreamContents(stream, ["khai", "khai_sinh", "sinh"]);
    }

    [Fact]
    public void No_terms_no_tokens() => FilterTestHelpers.AssertTokenStreamContents(new TermListTokenStream([]), []);

    const string Text = "Đăng ký khai sinh, khai sinh lại; cấp bản sao trích lục khai sinh và đăng ký lại khai sinh";

    [Fact]
    public void Distinct_terms_are_the_fields_terms_once_each_in_the_order_first_seen()
    {
        var terms = index.Analyzer.Terms(SearchIndex.Body, Text);
        Assert.True(terms.Count > terms.Distinct().Count()); // the text repeats terms, or this would prove nothing
        Assert.Equal(terms.Distinct(), index.Analyzer.DistinctTerms(SearchIndex.Body, Text));
    }

    /// <summary>Why the indexer may be given the distinct terms: a presence-only field records the same postings.</summary>
    [Fact]
    public void A_presence_only_field_indexes_the_distinct_terms_as_it_indexes_the_text()
    {
        var presence = new FieldType { IsIndexed = true, IsTokenized = true, IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true };
        string[] texts = [Text, "Thủ tục đăng ký kết hôn", ""];
        Assert.Equal(Postings(texts.Select(t => new Field("body", t, presence))),
            Postings(texts.Select(t => new Field("body", new TermListTokenStream(index.Analyzer.DistinctTerms("body", t)), presence))));
    }

    List<string> Postings(IEnumerable<Field> fields)
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(VietnameseAnalyzer.Version, index.Analyzer)))
            foreach (var field in fields) writer.AddDocument([field]);
        using var reader = DirectoryReader.Open(directory);
        var postings = new List<string>();
        var terms = MultiFields.GetTerms(reader, "body").GetEnumerator();
        while (terms.MoveNext())
        {
            var docs = MultiFields.GetTermDocsEnum(reader, null, "body", BytesRef.DeepCopyOf(terms.Term));
            var ids = new List<int>();
            while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) ids.Add(docs.DocID);
            postings.Add($"{terms.Term.Utf8ToString()} {terms.DocFreq}: {string.Join(',', ids)}");
        }
        Assert.NotEmpty(postings);
        return postings;
    }
}
