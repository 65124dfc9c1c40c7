using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Provinces;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Protocol;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Dialogs;

/// <summary>One turn in progress: the state as it evolves, the recognized message, and what the turn produces.</summary>
public sealed class Turn
{
    int _renders;

    public required string ConversationId { get; init; }
    public required string Channel { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required ConversationState State { get; set; }
    /// <summary>The procedure in focus when the turn began (a question the bot then fails to answer may be a follow-up about it).</summary>
    public string? FocusAtStart { get; init; }
    /// <summary>The counting redirect's absolute address for this turn's answer card; null links the service directly.</summary>
    public string? ClickThrough { get; init; }
    /// <summary>The message asks about a part of an answer (fee, time, documents…) or checks a stated fact: a follow-up if it finds nothing.</summary>
    public bool AsksAboutAnswer { get; set; }
    public Recognition Recognition { get; set; } = new(Intents.Empty, "");
    /// <summary>This turn's search, if one ran.</summary>
    public SearchResult? Search { get; set; }
    /// <summary>The yes (true) or no (false) to a fact the message stated, when a follow-up checked one.</summary>
    public bool? Checked { get; set; }
    /// <summary>What a follow-up quotes from the procedure's own text (<see cref="ProcedureText"/>), when it quotes any.</summary>
    public IReadOnlyList<string>? Quoted { get; set; }
    /// <summary>The words a follow-up looked for in the procedure's text ("đăng báo"), when it looked.</summary>
    public string? Sought { get; set; }
    /// <summary>Whether the procedure is carried out at the level a follow-up names ("ở xã làm được ko").</summary>
    public LevelCheck? Level { get; set; }
    public List<Activity> Replies { get; } = [];
    public List<DemandEvent> Demand { get; } = [];

    /// <summary>A seed unique to this render in this turn, so repeated templates vary but replays are identical.</summary>
    public string NextSeed() => $"{ConversationId}|{State.Turn}|{_renders++}";
}

/// <summary>
/// The catalogue facts a turn's templates and cards draw on: the procedure in focus as every channel presents it
/// (<see cref="ProcedureView"/>: the look-up page, print, CLI and Zalo text read the same one), for the user's province.
/// </summary>
public sealed class TurnFacts(ICatalogue catalogue, Turn turn)
{
    public Procedure? Procedure => turn.State.CurrentCode is { } code ? catalogue.FindByCode(code) : null;

    public Province? Province => turn.State.ProvinceId is { } id ? catalogue.FindProvince(id) : null;

    /// <summary>The procedure's mode and link for the user's province (its own list's, else national).</summary>
    public OnlineOffer? Offer => Procedure is { } p ? catalogue.OfferFor(p, Province) : null;

    (string Code, string? ProvinceId, ProcedureView View)? _view;

    /// <summary>The procedure in focus as presented for the user's province; built once per focus and province.</summary>
    public ProcedureView? View
    {
        get
        {
            if (Procedure is not { } p) return null;
            var province = Province;
            if (_view is { } cached && cached.Code == p.Code && cached.ProvinceId == province?.Id) return cached.View;
            var view = ProcedureView.From(p, catalogue.OfferFor(p, province));
            _view = (p.Code, province?.Id, view);
            return view;
        }
    }
}
