using CitizenBot.Core.Conversations;
using CitizenBot.Core.Dialogs;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>
/// <see cref="ContextResolver"/> on states a conversation reaches (the transcripts play whole conversations; these pin
/// a state the curated catalogue's searches do not lead to by themselves).
/// </summary>
[Collection(DialogTestCollection.Name)]
public sealed class ContextResolverTests(DialogTestData data)
{
    readonly ContextResolver _resolver = new(data.Searcher, data.Catalogue, data.Dialogs.Lexicon, data.Dialogs.FactCheck, data.Dialogs.ProcedureText);
    readonly IntentRecognizer _recognizer = new(data.Dialogs.Lexicon, data.Catalogue);

    static readonly string[] IdCards = ["1.014061", "1.014062", "1.014063", "1.014064"];

    ConversationState Offering(params string[] codes) => ConversationState.New with
    {
        Choices = codes.Select(c => new ClarificationChoice(c, data.Catalogue.FindByCode(c)!.Name)).ToList(),
    };

    Recognition Resolve(string message, ConversationState state)
    {
        var user = UserText.Parse(message);
        return _resolver.Resolve(_recognizer.Recognize(user, state.Choices), user, state);
    }

    [Theory]
    // "thứ hai" is the card for under-14s, but "cấp đổi" names the third choice and nothing names the second. "bị" is
    // filler that only the fourth choice's aliases hold ("làm lại CCCD bị mất"): it must not tie the fourth with the third.
    [InlineData("cái thứ hai, cấp đổi ấy, thẻ của mình bị gãy đôi rồi", 3)]
    [InlineData("cái thứ hai, cấp đổi ấy", 3)]
    // The number alone, or a description that fits the numbered choice, keeps the number.
    [InlineData("cái thứ hai", 2)]
    [InlineData("cái thứ hai, cho bé nhà em", 2)]
    public void A_numbered_choice_described_as_another_is_the_described_one(string message, int expected)
    {
        var r = Resolve(message, Offering(IdCards));
        Assert.Equal(Intents.Choice, r.Intent);
        Assert.Equal(expected, r.Choice);
    }

    [Fact]
    // "còn … thì sao" names another action than the choices: "cấp" is a word of only the second choice's name ("… do Bộ
    // Quốc phòng cấp"), but "còn cấp lại thì sao" does not pick it.
    public void A_swap_while_choices_are_open_does_not_pick_a_choice_by_a_shared_word()
    {
        var state = Offering("3.000347", "3.000349");
        Assert.Equal(Intents.Choice, Resolve("cái do Bộ Quốc phòng cấp", state).Intent);
        var swap = Resolve("con cap lai thi sao", state);
        Assert.NotEqual(Intents.Choice, swap.Intent);
    }
}
