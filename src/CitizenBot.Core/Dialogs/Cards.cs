using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Protocol;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Dialogs;

/// <summary>The answer card and the buttons the dialogs offer, worded by the templates.</summary>
public static class Cards
{
    /// <summary>
    /// A hero card: the procedure's name and code, then online mode (from the province's list when it has the
    /// procedure), time, fee (marked when its note has ended), the documents as a short checklist and agency, with a
    /// button to the online service (the province's link when known), to the province's portal, to the full list of
    /// documents when the card shows only some, and 👍/👎 feedback.
    /// </summary>
    /// <param name="clickThrough">The counting redirect's address (<c>/di</c>), or null to link the service directly.</param>
    public static Attachment Answer(Wording wording, ProcedureView v, string? clickThrough = null)
    {
        var lines = new List<string> { wording.Say("card.mode") };
        if (wording.Value("time") is not null) lines.Add(wording.Say("card.time"));
        if (wording.Value("fee") is not null) lines.Add(wording.Say("card.fee"));
        if (wording.Value("documents.summary") is not null) lines.Add(wording.Say("card.documents"));
        if (wording.Value("agency") is not null) lines.Add(wording.Say("card.agency"));

        var buttons = new List<CardAction>();
        // The online button goes through the counting redirect (procedure and province only), which sends the citizen on to the same link.
        var target = v.IsOnline && clickThrough is { Length: > 0 } via ? ClickThroughUrl(via, v.Code, v.Province?.Id) : v.Link.Url;
        buttons.Add(new CardAction { Type = "openUrl", Title = wording.Label(v.IsOnline ? "card.button.online" : "card.button.details"), Value = target });
        if (v.PortalBesideLink() is { } portal)
            buttons.Add(new CardAction { Type = "openUrl", Title = wording.Label("card.button.portal"), Value = portal.PortalUrl });
        if (wording.Checklist(v).Count is var papers && papers > Wording.MaxCardDocuments)
        {
            // The full list is the documents follow-up: the button sends its words, as the suggested action does.
            var all = wording.Label("card.button.documents", new Dictionary<string, string> { ["count"] = papers.ToString() });
            buttons.Add(new CardAction { Type = "imBack", Title = all, Value = wording.Label("followup.documents") });
        }
        buttons.AddRange(Feedback(wording, v.Code));

        return new Attachment
        {
            ContentType = ContentTypes.HeroCard,
            Content = new HeroCard
            {
                Title = v.Name,
                Subtitle = wording.Say("card.subtitle"),
                Text = string.Join("\n\n", lines),
                Buttons = buttons,
            },
        };
    }

    /// <summary>👍/👎 as messageBack: the text is what other channels see, the value tells which answer was rated.</summary>
    public static IEnumerable<CardAction> Feedback(Wording wording, string? code)
    {
        foreach (var (rating, emoji, template) in new[] { ("up", "👍", "button.thumbs-up"), ("down", "👎", "button.thumbs-down") })
        {
            var title = wording.Label(template);
            var value = new Dictionary<string, string> { ["action"] = "feedback", ["rating"] = rating };
            if (code is not null) value["code"] = code;
            yield return new CardAction { Type = "messageBack", Title = title, Text = emoji, DisplayText = title, Value = value };
        }
    }

    /// <summary>One imBack per offered choice, "1. Đăng ký khai sinh": the number lets the reply be matched even if the list changed.</summary>
    public static IEnumerable<CardAction> Choices(IReadOnlyList<ClarificationChoice> choices) =>
        choices.Select((c, i) =>
        {
            var title = $"{i + 1}. {Wording.ShortName(c.Name, 60)}";
            return new CardAction { Type = "imBack", Title = title, Value = title };
        });

    /// <summary>A set written in the dialog file: each button says its template's text and sends it back.</summary>
    public static IEnumerable<CardAction> Static(Wording wording, IEnumerable<string> templates) =>
        templates.Select(t =>
        {
            var title = wording.Label(t);
            return new CardAction { Type = "imBack", Title = title, Value = title };
        });

    /// <summary>"/di/1.001193?tinh=da-nang": what the redirect needs to count the click and find the link, nothing about the citizen.</summary>
    public static string ClickThroughUrl(string via, string code, string? provinceId) =>
        $"{via.TrimEnd('/')}/{Uri.EscapeDataString(code)}" + (provinceId is null ? "" : $"?tinh={Uri.EscapeDataString(provinceId)}");
}
