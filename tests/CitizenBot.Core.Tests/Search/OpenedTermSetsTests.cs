using CitizenBot.Core.Analysis;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

/// <summary>
/// The term sets the searcher reads from the index at open (postings turned around, each core walking a range of
/// documents) hold, for every national procedure, exactly the terms its index fields were given: its name, field, body
/// and accented words, analysed again here as the index builder does.
/// </summary>
[Collection(NationalSearchCollection.Name)]
public sealed class OpenedTermSetsTests(NationalSearchFixture search)
{
    [Fact]
    public void Every_procedures_sets_hold_the_terms_its_fields_were_indexed_with()
    {
        var analyzer = new VietnameseAnalyzer(search.Lexicon);
        var procedures = search.Catalogue.Procedures;
        var bodyTerms = 0;
        for (var row = 0; row < procedures.Count; row++)
        {
            var indexed = IndexedDocument.From(procedures[row], analyzer);
            var (sets, idOf) = search.Searcher.TermSetsOf(row);
            var code = procedures[row].Code;
            AssertHolds(code, "name", Terms(indexed.NameWords, SearchIndex.Name), sets.NameTerms, idOf);
            AssertHolds(code, "field", Terms(indexed.FieldWords, SearchIndex.Field), sets.FieldTerms, idOf);
            AssertHolds(code, "body", indexed.BodyTerms, sets.BodyTerms, idOf);
            AssertHolds(code, "accented", Terms(indexed.NameWords, SearchIndex.Accented), sets.NameAccentedWords, idOf);
            bodyTerms += sets.BodyTerms.Ids.Length;
        }
        Assert.True(procedures.Count > 2000, $"{procedures.Count} procedures");
        Assert.True(bodyTerms > 100 * procedures.Count, $"{bodyTerms} body terms");
    }

    /// <summary>
    /// The typo-correction vocabulary's document frequencies, counted at open from the name, field and body sets, are
    /// those of the field that once held each procedure's folded words (its name and aliases, field and body analysed
    /// as <see cref="VietnameseAnalyzer.FoldedWordsField"/>, a word once per procedure), in that field's term order.
    /// </summary>
    [Fact]
    public void The_vocabulary_counts_each_folded_word_once_per_procedure_holding_it()
    {
        var analyzer = new VietnameseAnalyzer(search.Lexicon);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var procedure in search.Catalogue.Procedures)
        {
            var indexed = IndexedDocument.From(procedure, analyzer);
            var words = Terms(indexed.NameWords, VietnameseAnalyzer.FoldedWordsField)
                .Concat(Terms(indexed.FieldWords, VietnameseAnalyzer.FoldedWordsField))
                .Concat(indexed.BodyTerms.Where(t => !t.Contains('_')));
            foreach (var word in words.Distinct()) expected[word] = expected.GetValueOrDefault(word) + 1;
        }
        var read = search.Searcher.Vocabulary.DocumentFrequencies().ToList();
        Assert.True(read.Count > 2000, $"{read.Count} words");
        Assert.Equal(expected.OrderBy(w => w.Key, StringComparer.Ordinal).ToList(), read);
    }

    static string[] Terms(RecordedTokens words, string field) => VietnameseAnalyzer.DistinctTerms(VietnameseAnalyzer.Field(words, field));

    static void AssertHolds(string code, string field, IEnumerable<string> terms, TermSet set, Func<string, int> idOf)
    {
        var expected = terms.Select(idOf).Distinct().Order().ToArray();
        Assert.DoesNotContain(-1, expected);
        Assert.True(expected.SequenceEqual(set.Ids.ToArray()), $"{code} {field}: {expected.Length} terms indexed, {set.Ids.Length} read at open");
    }
}
