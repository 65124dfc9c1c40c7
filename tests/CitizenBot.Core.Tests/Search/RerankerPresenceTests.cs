using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

public sealed class RerankerPresenceTests
{
    /// <summary>
    /// A document's set is walked when short (a name) and searched when long (a body's terms): either way each of the
    /// question's terms is flagged at its slot exactly when the set holds it.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    [InlineData(3000)]
    public void Flags_each_question_term_the_set_holds_at_its_slot(int setSize)
    {
        var random = new Random(setSize);
        // Slots in no id order, as a question numbers its terms; ids far apart and close together.
        int[] question = [9000, 4, 123, 7, 50_000, 8, 2500, 600];
        var held = new HashSet<int>(Enumerable.Range(0, setSize).Select(_ => random.Next(0, 60_000))) { 123, 8 };
        held.Remove(7);
        var set = new TermSet([.. held.Order()]);
        var query = new PreparedQuery([], 0, [], [], [], question);

        var present = Reranker.Presence(query, set, new bool[question.Length]).ToArray();

        Assert.Equal(question.Select(held.Contains), present);
        Assert.True(present[Array.IndexOf(question, 123)]);
        Assert.False(present[Array.IndexOf(question, 7)]);
    }

    /// <summary>
    /// The hand-written searches answer as the framework's: the index of a held id, else the complement of where it
    /// would go; the lower bound is where it is or would go.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    public void Search_answers_as_the_framework_binary_search(int setSize)
    {
        var random = new Random(setSize);
        int[] sorted = [.. new HashSet<int>(Enumerable.Range(0, setSize).Select(_ => random.Next(0, 5000))).Order()];

        foreach (var id in Enumerable.Range(-1, 5002))
        {
            var framework = Array.BinarySearch(sorted, id);
            Assert.Equal(framework, TermSet.Search(sorted, id));
            Assert.Equal(framework >= 0 ? framework : ~framework, TermSet.LowerBound(sorted, id));
        }
        Assert.Equal(sorted.Length > 0, new TermSet(sorted).Contains(sorted.FirstOrDefault()));
    }
}
