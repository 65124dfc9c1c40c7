using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Core.Protocol;
using CitizenBot.Hosting;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>
/// Direct Line 3.0 under <c>/v3/directline</c>, as botframework-webchat 4.18 / DirectLineJS 0.15 use it
/// (docs/architecture.md, "Direct Line 3.0"). The route table comes first; each handler is a named method.
/// </summary>
public static class DirectLineApi
{
    public const string Prefix = "/v3/directline";
    const int PageSize = 100;
    const int MaxClientActivityIdLength = 256;

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix)
            .RequireCors(DirectLineServices.CorsPolicy)
            .RequireRateLimiting(DirectLineServices.RateLimitPolicy);

        group.MapPost("/tokens/generate", GenerateToken).WithMetadata(DirectLineStartMetadata.Instance);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversation).WithMetadata(DirectLineStartMetadata.Instance);
        group.MapGet("/conversations/{conversationId}", GetConversation);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/activities", PostActivity);
        group.MapPost("/conversations/{conversationId}/upload", Upload);
        group.MapGet("/conversations/{conversationId}/stream", DirectLineStream.Run);
        // CORS preflight on every Direct Line path (ODL answers OPTIONS everywhere); routing matches a preflight by the
        // method it announces, so the catch-all takes GET and POST too and answers those with a 404 problem.
        group.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Options], NotImplementedPath);
        return routes;
    }

    /// <summary>POST /tokens/generate: a new conversation id and a token bound to it and to a user.</summary>
    public static async Task<IResult> GenerateToken(HttpContext http, DirectLineAuth auth, DirectLineChannel channel, DirectLineTokenService tokens)
    {
        if (auth.HasSecret)
        {
            var credential = DirectLineAuth.BearerOf(http.Request);
            if (credential is null)
                return DirectLineProblems.MissingCredential();
            if (!auth.IsSecret(credential))
                return DirectLineProblems.Forbidden("Generating a token needs the Direct Line secret. / Cần khóa bí mật Direct Line để tạo mã truy cập.");
        }
        var body = await ReadJsonAsync<TokenParameters>(http);
        if (body.Failure is not null)
            return body.Failure;
        if (ValidateUserId(body.Value?.User?.Id) is { } problem)
            return problem;
        var (conversation, retryAfter) = await channel.TryCreateAsync(DirectLineChannel.NewConversationId(),
            body.Value?.User?.Id ?? DirectLineChannel.NewUserId(), body.Value?.User?.Name, http.RequestAborted);
        if (conversation is null)
            return DirectLineProblems.Full(http, retryAfter);
        return TypedResults.Ok(new TokenResponse(conversation.Id, tokens.Issue(conversation.Id, conversation.UserId), (int)tokens.Lifetime.TotalSeconds));
    }

    /// <summary>POST /tokens/refresh: the same grant with a new expiry (DLJS calls it every 15 minutes).</summary>
    public static IResult RefreshToken(HttpContext http, DirectLineAuth auth, DirectLineTokenService tokens)
    {
        var result = auth.Authenticate(DirectLineAuth.BearerOf(http.Request), allowSecret: false);
        if (result.Caller?.Claims is not { } claims)
            return result.Failure!;
        return TypedResults.Ok(new TokenResponse(claims.ConversationId, tokens.Issue(claims.ConversationId, claims.UserId), (int)tokens.Lifetime.TotalSeconds));
    }

    /// <summary>
    /// POST /conversations: 201 when the conversation starts now (the bot gets conversationUpdate and says its welcome),
    /// 200 when it had already started. With a token, starts the token's conversation; with the secret (or with no
    /// secret configured and no credential), a new one.
    /// </summary>
    public static async Task<IResult> StartConversation(HttpContext http, DirectLineAuth auth, DirectLineChannel channel, DirectLineTokenService tokens)
    {
        var credential = DirectLineAuth.BearerOf(http.Request);
        DirectLineCaller? caller = null;
        if (credential is not null || auth.HasSecret)
        {
            var result = auth.Authenticate(credential);
            if (result.Failure is not null)
                return result.Failure;
            caller = result.Caller;
        }
        var body = await ReadJsonAsync<ConversationParameters>(http);
        if (body.Failure is not null)
            return body.Failure;
        if (ValidateUserId(body.Value?.User?.Id) is { } problem)
            return problem;

        var cancel = http.RequestAborted;
        var (conversation, retryAfter) = caller?.Claims is { } claims
            // A token whose conversation is gone (idle expiry) starts it afresh.
            ? await channel.FindAsync(claims.ConversationId, cancel) is { } found
                ? (found, TimeSpan.Zero)
                : await channel.TryCreateAsync(claims.ConversationId, claims.UserId, body.Value?.User?.Name, cancel)
            : await channel.TryCreateAsync(DirectLineChannel.NewConversationId(), body.Value?.User?.Id ?? DirectLineChannel.NewUserId(), body.Value?.User?.Name, cancel);
        if (conversation is null)
            return DirectLineProblems.Full(http, retryAfter);

        var started = await channel.StartAsync(conversation, body.Value?.Locale, ServiceUrl(http), cancel);
        var response = ConversationResponse(http, conversation.Id, caller?.Token ?? tokens.Issue(conversation.Id, conversation.UserId), tokens, watermark: null);
        return started ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
    }

    /// <summary>GET /conversations/{id}: resume or reconnect — a fresh streamUrl starting after the client's watermark.</summary>
    public static async Task<IResult> GetConversation(HttpContext http, string conversationId, string? watermark, DirectLineAuth auth, DirectLineChannel channel, DirectLineTokenService tokens)
    {
        var result = auth.AuthenticateFor(http, DirectLineAuth.BearerOf(http.Request), conversationId);
        if (result.Caller is not { } caller)
            return result.Failure!;
        if (await channel.FindAsync(conversationId, http.RequestAborted) is not { } conversation)
            return DirectLineProblems.ConversationNotFound(conversationId);
        if (!TryParseWatermark(watermark, out var from))
            return DirectLineProblems.BadRequest("watermark must be a non-negative integer as returned by this server. / Tham số watermark không hợp lệ.");
        var token = caller.Token ?? tokens.Issue(conversation.Id, conversation.UserId);
        return TypedResults.Ok(ConversationResponse(http, conversation.Id, token, tokens, from));
    }

    /// <summary>GET /conversations/{id}/activities?watermark=: everything after the watermark; never waits.</summary>
    public static async Task<IResult> GetActivities(HttpContext http, string conversationId, string? watermark, DirectLineAuth auth, DirectLineChannel channel)
    {
        var result = auth.AuthenticateFor(http, DirectLineAuth.BearerOf(http.Request), conversationId);
        if (result.Caller is null)
            return result.Failure!;
        if (await channel.FindAsync(conversationId, http.RequestAborted) is not { } conversation)
            return DirectLineProblems.ConversationNotFound(conversationId);
        if (!TryParseWatermark(watermark, out var from))
            return DirectLineProblems.BadRequest("watermark must be a non-negative integer as returned by this server. / Tham số watermark không hợp lệ.");
        var (activities, next) = await channel.ReadAsync(conversation, from ?? 0, PageSize, http.RequestAborted);
        return TypedResults.Bytes(DirectLineJson.ActivitySet(activities, next), "application/json; charset=utf-8");
    }

    /// <summary>POST /conversations/{id}/activities: stamp, store the echo with its pending turn, then answer {id}.</summary>
    public static async Task<IResult> PostActivity(HttpContext http, string conversationId, DirectLineAuth auth, DirectLineChannel channel)
    {
        var result = auth.AuthenticateFor(http, DirectLineAuth.BearerOf(http.Request), conversationId);
        if (result.Caller is not { } caller)
            return result.Failure!;
        if (await channel.FindAsync(conversationId, http.RequestAborted) is not { } conversation)
            return DirectLineProblems.ConversationNotFound(conversationId);
        var body = await ReadJsonAsync<Activity>(http);
        if (body.Failure is not null)
            return body.Failure;
        if (body.Value is not { Type.Length: > 0 } activity)
            return DirectLineProblems.BadRequest("The activity needs a 'type'. / Hoạt động thiếu trường 'type'.");
        if (DirectLineChannel.ClientActivityId(activity) is { Length: > MaxClientActivityIdLength })
            return DirectLineProblems.BadRequest($"channelData.clientActivityID is longer than {MaxClientActivityIdLength} characters. / Mã hoạt động của ứng dụng quá dài.");
        // Not cancelled by the client going away: once stored, the turn runs and the transcript shows it.
        var outcome = await channel.PostAsync(conversation, activity, caller, ServiceUrl(http), CancellationToken.None);
        return outcome.Accepted ? TypedResults.Ok(new ResourceResponse(outcome.Id)) : DirectLineProblems.TooManyPending();
    }

    /// <summary>POST /conversations/{id}/upload: CitizenBot takes no files, and says so plainly.</summary>
    public static IResult Upload(HttpContext http, string conversationId, DirectLineAuth auth)
    {
        var result = auth.AuthenticateFor(http, DirectLineAuth.BearerOf(http.Request), conversationId);
        return result.Caller is null ? result.Failure! : DirectLineProblems.UploadNotAccepted();
    }

    static IResult NotImplementedPath(HttpContext http) => HttpMethods.IsOptions(http.Request.Method)
        ? TypedResults.NoContent()
        : DirectLineProblems.Problem(StatusCodes.Status404NotFound, "Not found",
            $"This server does not implement {http.Request.Method} {http.Request.Path}. / Không có chức năng này.");

    static ConversationResponse ConversationResponse(HttpContext http, string conversationId, string token, DirectLineTokenService tokens, long? watermark)
    {
        var request = http.Request;
        var scheme = request.IsHttps ? "wss" : "ws";
        var streamUrl = $"{scheme}://{request.Host}{request.PathBase}{Prefix}/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}";
        if (watermark is { } w)
            streamUrl += "&watermark=" + w.ToString(CultureInfo.InvariantCulture);
        return new ConversationResponse(conversationId, token, (int)tokens.Lifetime.TotalSeconds, streamUrl);
    }

    public static string ServiceUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";

    /// <summary>'' or missing is 0 (DLJS starts with ''); anything else must be a number this server handed out.</summary>
    public static bool TryParseWatermark(string? text, out long? watermark)
    {
        watermark = null;
        if (string.IsNullOrEmpty(text))
            return true;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        watermark = value;
        return true;
    }

    /// <summary>User ids end up in every activity; keep them to a sane length.</summary>
    static IResult? ValidateUserId(string? id) =>
        id is { Length: > 256 } ? DirectLineProblems.BadRequest("user.id is longer than 256 characters. / Mã người dùng quá dài.") : null;

    /// <summary>Reads a JSON body within the size limit: empty is null, too big is 413, malformed is 400.</summary>
    static async Task<(T? Value, IResult? Failure)> ReadJsonAsync<T>(HttpContext http) where T : class
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.MaxActivityBytes;
        if (await RequestBody.ReadAsync(http, limit, http.RequestAborted) is not { } body)
            return (null, DirectLineProblems.TooLarge(limit));
        if (body.IsEmpty)
            return (null, null);
        try
        {
            return (JsonSerializer.Deserialize<T>(body.Span, DirectLineJson.Options), null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1}, path {e.Path ?? "$"})" : "";
            return (null, DirectLineProblems.BadRequest($"The body is not valid JSON for this call{where}. / Nội dung gửi lên không phải JSON hợp lệ."));
        }
    }
}

public sealed record TokenParameters(ChannelAccount? User, IReadOnlyList<string>? TrustedOrigins);

public sealed record ConversationParameters(ChannelAccount? User, string? Locale);

public sealed record TokenResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public sealed record ConversationResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string StreamUrl);

public sealed record ResourceResponse(string Id);
