using CitizenBot.Core.Demand;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>What a conversation reports to the demand log: demand that means demand (issue 17).</summary>
[Collection(DialogTestCollection.Name)]
public sealed class DemandRecordingTests(DialogTestData data)
{
    TestChat Chat(AnswerLinks? links = null, string channel = "test") => new(data, "demand-" + Guid.NewGuid().ToString("N"), channel, links: links);

    [Fact]
    public async Task An_answer_records_its_mode_and_the_list_it_came_from()
    {
        var chat = Chat();
        await chat.SayAsync("tôi ở Hà Nội");
        await chat.SayAsync("đăng ký kết hôn");
        var answered = Assert.Single(chat.AllDemand, e => e.Outcome == DemandOutcome.Answered);
        Assert.Equal("1.000894", answered.MatchedCode);
        Assert.Equal((data.Catalogue.FindByCode("1.000894")!.OnlineMode, (OfferSource?)OfferSource.National),
            (answered.MatchedOnlineMode!.Value, answered.ModeSource));
    }

    [Fact]
    public async Task A_correction_in_the_next_turn_records_the_corrected_answer_so_it_is_not_counted_as_demand()
    {
        var chat = Chat();
        await chat.SayAsync("đăng ký kết hôn");
        var first = Assert.Single(chat.AllDemand, e => e.Outcome == DemandOutcome.Answered).MatchedCode;
        await chat.SayAsync("không phải, ý tôi là đăng ký khai sinh cho con");
        var corrected = Assert.Single(chat.AllDemand, e => e.Outcome == DemandOutcome.Corrected);
        Assert.Equal(first, corrected.MatchedCode);
        Assert.Equal("", new DemandEntryFactory(new PersonalDataScrubber([]), new ConversationHasher(new byte[32])).Create(corrected).Question);
    }

    [Fact]
    public async Task A_follow_up_the_bot_cannot_answer_is_attached_to_the_procedure_in_focus_not_an_unmet_need()
    {
        var chat = Chat();
        await chat.SayAsync("đăng ký kết hôn");
        var code = chat.AllDemand.Single(e => e.Outcome == DemandOutcome.Answered).MatchedCode;
        // It asks how long (a part of the answer) about words the catalogue does not know: nothing found.
        await chat.SayAsync("mất bao lâu zxqv wplk trrr");
        Assert.DoesNotContain(chat.LastDemand, e => e.Outcome == DemandOutcome.NoMatch);
        var followUp = Assert.Single(chat.LastDemand, e => e.Outcome == DemandOutcome.FollowUp);
        Assert.Equal((code, "mất bao lâu zxqv wplk trrr"), (followUp.MatchedCode, followUp.Question));
    }

    [Fact]
    public async Task A_new_question_that_finds_nothing_is_still_an_unmet_need()
    {
        var chat = Chat();
        await chat.SayAsync("đăng ký kết hôn");
        await chat.SayAsync("zxqv wplk trrr");
        var unmet = Assert.Single(chat.LastDemand);
        Assert.Equal((DemandOutcome.NoMatch, null), (unmet.Outcome, unmet.MatchedCode));
    }

    [Fact]
    public async Task The_online_button_goes_through_the_counting_redirect_with_procedure_and_province_only()
    {
        // Over our own Direct Line the relative address is resolved against this host's address (the service URL).
        var chat = Chat(new AnswerLinks("/di"), channel: DialogRunner.OwnDirectLineChannel);
        await chat.SayAsync("tôi ở Đà Nẵng");
        var replies = await chat.SayAsync("đăng ký kết hôn");
        var online = TestChat.CardButtons(replies.First(r => r.Attachments is { Count: > 0 })).First();
        Assert.Equal("http://127.0.0.1/di/1.000894?tinh=da-nang", online.Value);
    }

    [Fact]
    public async Task On_a_channel_whose_address_is_not_ours_the_online_button_links_the_service_directly()
    {
        var chat = Chat(new AnswerLinks("/di"), channel: "msteams");
        var replies = await chat.SayAsync("đăng ký kết hôn");
        var online = TestChat.CardButtons(replies.First(r => r.Attachments is { Count: > 0 })).First();
        Assert.StartsWith("https://dichvucong.gov.vn/", (string?)online.Value);
    }
}
