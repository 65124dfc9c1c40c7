using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Search;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>
/// <see cref="ContextResolver"/> over the national catalogue, where many titles share a citizen's few words: states a
/// conversation reaches there that the curated catalogue's transcripts cannot (its few titles settle them alone).
/// </summary>
[Collection(NationalSearchCollection.Name)]
public sealed class NationalContextTests
{
    readonly NationalSearchFixture _search;
    readonly ContextResolver _resolver;
    readonly IntentRecognizer _recognizer;

    public NationalContextTests(NationalSearchFixture search)
    {
        _search = search;
        var dialogs = DialogSet.Load(Path.Combine(global::CitizenBot.Testing.RepositoryRoot.Path, "dialogs"));
        _resolver = new ContextResolver(search.Searcher, search.Catalogue, dialogs.Lexicon, dialogs.FactCheck, dialogs.ProcedureText);
        _recognizer = new IntentRecognizer(dialogs.Lexicon, search.Catalogue);
    }

    /// <summary>The state after the bot asked which procedure <paramref name="question"/> meant, as the dialog leaves it.</summary>
    ConversationState Asked(string question)
    {
        var result = _search.Search(question);
        Assert.Equal(MatchVerdict.Ambiguous, result.Match);
        return ConversationState.New with
        {
            Topic = question,
            LastQuestion = new AskedQuestion(question, result.Normalized, [.. result.Hits.Select(h => new DemandCandidate(h.Procedure.Code, h.Score))]),
            Choices = [.. result.Hits.Take(MatchPolicy.MaxChoices).Select(h => new ClarificationChoice(h.Procedure.Code, h.Procedure.Name))],
        };
    }

    Recognition Resolve(string message, ConversationState state)
    {
        var user = UserText.Parse(message);
        return _resolver.Resolve(_recognizer.Recognize(user, state.Choices), user, state);
    }

    [Fact]
    // A short detail that names no procedure ("bi mat"), read with the topic, puts first the choice whose name holds its
    // words: that choice, though it was first already — not a list of what "bi mat" alone meets (land titles, driving
    // licences). A detail no choice's name holds ("con 2 tháng tuổi") picks none.
    public void A_short_detail_picks_the_first_reading_whose_name_holds_its_words()
    {
        var state = Asked("e muon hoi ve ho chieu");
        Assert.Equal("1.001445", state.Choices![0].Code); // Trình báo mất hộ chiếu phổ thông
        var lost = Resolve("bi mat", state);
        Assert.Equal(Intents.Choice, lost.Intent);
        Assert.Equal(1, lost.Choice);
        Assert.NotEqual(Intents.Choice, Resolve("con 2 tháng tuổi", state).Intent);
    }

    [Fact]
    // A detail whose own words are all the focus's ("khai sinh" of "… bản sao Giấy khai sinh", said with where the birth
    // was registered) stays with it, though alone it names the plain birth registration.
    public void A_detail_in_the_words_of_the_procedure_in_focus_stays_with_it()
    {
        var state = ConversationState.New with { CurrentCode = "2.000635", Topic = "xin cap ban sao giay khai sinh" };
        Assert.Equal("1.001193", _search.Search("khai sinh").Hits[0].Procedure.Code);
        var detail = Resolve("khai sinh ạ", state);
        Assert.Equal("2.000635", detail.Search?.Hits[0].Procedure.Code);
    }

    [Fact]
    // "còn cho …" typed without accents ("con cho me e 70 tuoi thi sao") is how the question is put, not "con" (a child):
    // read with the topic, the same procedure for the other person, not "Thủ tục đăng ký nhận cha, mẹ, con".
    public void A_swap_typed_without_accents_keeps_the_procedure_for_another_person()
    {
        var state = ConversationState.New with { CurrentCode = "1.014064", Topic = "cap lai can cuoc bi mat" };
        var swap = Resolve("con cho me e 70 tuoi thi sao", state);
        Assert.True(swap.Swap);
        Assert.Equal("1.014064", swap.Search?.Hits[0].Procedure.Code);
    }
}
