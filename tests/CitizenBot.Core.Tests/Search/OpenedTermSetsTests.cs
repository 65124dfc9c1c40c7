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

    static string[] Terms(RecordedTokens words, string field) => VietnameseAnalyzer.DistinctTerms(VietnameseAnalyzer.Field(words, field));

    static void AssertHolds(string code, string field, IEnumerable<string> terms, TermSet set, Func<string, int> idOf)
    {
        var expected = terms.Select(idOf).Distinct().Order().ToArray();
        Assert.DoesNotContain(-1, expected);
        Assert.True(expected.SequenceEqual(set.Ids.ToArray()), $"{code} {field}: {expected.Length} terms indexed, {set.Ids.Length} read at open");
    }
}
