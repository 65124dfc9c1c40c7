using System.Text;
using CitizenBot.Core.DirectLine;

namespace CitizenBot.Core.Tests.DirectLine;

/// <summary>
/// Wake-ups of WebSocket streams: the rows this process appended reach its subscribers, and anything it cannot vouch
/// for (another replica's change, a reader left behind, a gap) sends the reader to the store.
/// </summary>
public sealed class DirectLineSignalsTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    static StoredActivity Row(long seq) => new(seq, Encoding.UTF8.GetBytes($"{{\"seq\":{seq}}}"));

    static Task<ConversationChange?> NextAsync(ConversationSubscription subscription, TimeSpan timeout) =>
        subscription.NextAsync(timeout, TimeProvider.System, CancellationToken.None);

    [Fact]
    public async Task A_subscriber_gets_every_row_appended_since_it_last_looked_and_only_its_conversation()
    {
        var signals = new DirectLineSignals();
        using var c1 = signals.Subscribe("c1");
        using var c2 = signals.Subscribe("c2");
        signals.ConversationChanged("c1", [Row(0)]);
        signals.ConversationChanged("c1", [Row(1), Row(2)]);

        var change = await NextAsync(c1, Wait);
        Assert.NotNull(change);
        Assert.False(change.ReadStore);
        Assert.Equal([0L, 1, 2], change.Appended.Select(a => a.Sequence));
        Assert.Null(await NextAsync(c1, TimeSpan.Zero)); // taken: nothing left
        Assert.Null(await NextAsync(c2, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_waiting_subscriber_wakes_on_the_append()
    {
        var signals = new DirectLineSignals();
        using var subscription = signals.Subscribe("c1");
        var waiting = NextAsync(subscription, Wait);
        Assert.False(waiting.IsCompleted);
        signals.ConversationChanged("c1", [Row(7)]);
        Assert.Equal(7, Assert.Single((await waiting)!.Appended).Sequence);
    }

    [Fact]
    public async Task A_change_known_only_by_its_conversation_sends_the_reader_to_the_store()
    {
        var signals = new DirectLineSignals();
        using var subscription = signals.Subscribe("c1");
        signals.ConversationChanged("c1", [Row(0)]);
        signals.ConversationChanged("c1"); // another replica's commit (NOTIFY)
        signals.ConversationChanged("c1", [Row(1)]);

        var change = await NextAsync(subscription, Wait);
        Assert.True(change!.ReadStore);
        Assert.Null(change.FollowingOn(0, 100));
    }

    [Fact]
    public async Task WakeAll_sends_every_subscriber_to_the_store()
    {
        var signals = new DirectLineSignals();
        using var a = signals.Subscribe("a");
        using var b = signals.Subscribe("b");
        signals.WakeAll();
        Assert.True((await NextAsync(a, Wait))!.ReadStore);
        Assert.True((await NextAsync(b, Wait))!.ReadStore);
    }

    [Fact]
    public async Task A_reader_that_falls_far_behind_reads_the_store_instead_of_buffering_without_bound()
    {
        var signals = new DirectLineSignals();
        using var subscription = signals.Subscribe("c1");
        for (var seq = 0; seq < 1000; seq++)
            signals.ConversationChanged("c1", [Row(seq)]);
        var change = await NextAsync(subscription, Wait);
        Assert.True(change!.ReadStore);
        Assert.Empty(change.Appended);
    }

    [Fact]
    public async Task A_disposed_subscription_is_no_longer_told_and_others_of_its_conversation_still_are()
    {
        var signals = new DirectLineSignals();
        var gone = signals.Subscribe("c1");
        using var staying = signals.Subscribe("c1");
        gone.Dispose();
        signals.ConversationChanged("c1", [Row(0)]);
        Assert.Null(await NextAsync(gone, TimeSpan.Zero));
        Assert.Single((await NextAsync(staying, Wait))!.Appended);
    }

    [Fact]
    public void Rows_that_follow_on_from_the_watermark_are_served_in_sequence_order_and_older_ones_skipped()
    {
        // Two commits may signal out of order; rows a reader has already sent (below its watermark) are dropped.
        var change = new ConversationChange([Row(6), Row(4), Row(5), Row(3)], ReadStore: false);
        Assert.Equal([4L, 5, 6], change.FollowingOn(4, 100)!.Select(a => a.Sequence));
        Assert.Empty(change.FollowingOn(7, 100)!);
    }

    [Theory]
    [InlineData(new long[] { 3, 5, 6 }, 3, 100)] // row 4 missing
    [InlineData(new long[] { 3, 4 }, 2, 100)]    // the reader is at 2, the first row here is 3
    [InlineData(new long[] { 4, 5 }, 4, 1)]      // more than one page
    public void A_gap_or_more_than_a_page_means_reading_the_store(long[] sequences, long watermark, int max)
    {
        var change = new ConversationChange([.. sequences.Select(Row)], ReadStore: false);
        Assert.Null(change.FollowingOn(watermark, max));
    }
}
