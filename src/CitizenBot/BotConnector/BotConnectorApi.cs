using System.Text.Json;
using CitizenBot.Core.Protocol;
using CitizenBot.Hosting;
using Microsoft.Extensions.Options;

namespace CitizenBot.BotConnector;

/// <summary>
/// POST /api/messages: the Bot Connector channel (docs/architecture.md, "Bot Connector" and "Authentication"), what Azure Bot Service channels and the
/// Bot Framework Emulator call. Order of checks: rate limit (429), channel closed or missing token (401, before
/// reading the body), body size (413), JSON and activity shape (400), token (401), serviceUrl allowed (403); then the
/// turn runs and the replies go back by delivery mode: in the response (expectReplies), as the invoke response, or
/// posted to the serviceUrl after the 200.
/// </summary>
public static class BotConnectorApi
{
    public const string Route = "/api/messages";

    public static IEndpointRouteBuilder MapBotConnectorApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, PostActivity).RequireRateLimiting(BotConnectorRateLimitPolicy.Name);
        return routes;
    }

    public static async Task<IResult> PostActivity(
        HttpContext http, ConnectorAuthenticator authenticator, ServiceUrlPolicy serviceUrls, BotAdapter adapter, ReplyDelivery delivery,
        IOptions<BotConnectorOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(BotConnectorApi));
        if (authenticator.Mode == ConnectorAuthMode.Closed)
            return Unauthorized(http, logger, ConnectorAuthenticator.ClosedFailure,
                "This bot has no App ID configured, so /api/messages accepts no requests (set MicrosoftAppId and MicrosoftAppPassword).");
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authenticator.Enabled && ConnectorAuthenticator.ReadBearer(authorization) is null)
            return Unauthorized(http, logger, new AuthenticationFailure("no bearer token"));

        if (await RequestBody.ReadAsync(http, options.Value.MaxRequestBytes, cancellationToken) is not { } body)
            return TypedResults.Problem($"The activity is larger than {options.Value.MaxRequestBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body.Span, ProtocolJson.Options);
        }
        catch (JsonException e)
        {
            return BadRequest($"The body is not a JSON activity: {e.Message}");
        }
        if (ShapeError(activity) is { } shapeError)
            return BadRequest(shapeError);

        AuthenticationFailure? failure;
        try
        {
            failure = await authenticator.AuthenticateAsync(authorization, activity!, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            // The signing keys could not be fetched: we cannot tell a good token from a bad one, so refuse, as a server fault.
            logger.LogError("Cannot check Bot Connector tokens: {Reason}", e.Message);
            return TypedResults.Problem("The bot cannot verify tokens right now; retry later.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Authentication unavailable");
        }
        if (failure is not null)
            return Unauthorized(http, logger, failure);

        if (NeedsServiceUrl(activity!) && serviceUrls.Check(activity!.ServiceUrl) is { } refusal)
        {
            logger.LogWarning("Refused /api/messages from {Remote}: serviceUrl not allowed ({Reason})", http.Connection.RemoteIpAddress, refusal);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "serviceUrl not allowed");
        }

        return await RunTurnAsync(activity!, adapter, delivery, cancellationToken);
    }

    static async Task<IResult> RunTurnAsync(Activity activity, BotAdapter adapter, ReplyDelivery delivery, CancellationToken cancellationToken)
    {
        var replies = await adapter.ProcessAsync(activity, cancellationToken);

        if (activity.Type == ActivityTypes.Invoke)
        {
            // The bot answers an invoke with an "invokeResponse" activity whose value is {status, body}.
            var response = replies.FirstOrDefault(r => r.Type == InvokeResponse.ActivityType);
            var others = replies.Where(r => r.Type != InvokeResponse.ActivityType).ToList();
            if (others.Count > 0)
                await delivery.EnqueueAsync(new OutboundReplies(activity.ServiceUrl!, others), cancellationToken);
            return response is null
                ? TypedResults.Problem($"The bot does not handle invoke '{activity.Name}'.", statusCode: StatusCodes.Status501NotImplemented, title: "Invoke not implemented")
                : InvokeResponse.ToResult(response);
        }

        if (string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal))
            return TypedResults.Json(new ExpectedReplies(replies), ProtocolJson.Options);

        if (replies.Count > 0)
            await delivery.EnqueueAsync(new OutboundReplies(activity.ServiceUrl!, replies), cancellationToken);
        return TypedResults.Ok();
    }

    /// <summary>What every activity needs before the bot can answer it (ACT A2010, A2020, A2080, A2300).</summary>
    static string? ShapeError(Activity? activity)
    {
        if (activity is null) return "The body must be a JSON object (an activity).";
        if (string.IsNullOrWhiteSpace(activity.Type)) return "The activity has no 'type'.";
        if (string.IsNullOrWhiteSpace(activity.ChannelId)) return "The activity has no 'channelId'.";
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return "The activity has no 'conversation.id'.";
        if (NeedsServiceUrl(activity) && !(Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return "The activity has no absolute http(s) 'serviceUrl' to reply to.";
        return null;
    }

    /// <summary>Whether replies may be posted to the serviceUrl: always but for a non-invoke expectReplies activity.</summary>
    static bool NeedsServiceUrl(Activity activity) =>
        activity.DeliveryMode != DeliveryModes.ExpectReplies || activity.Type == ActivityTypes.Invoke;

    static IResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid activity");

    static IResult Unauthorized(HttpContext http, ILogger logger, AuthenticationFailure failure,
        string detail = "A valid Bot Connector or Emulator bearer token is required.")
    {
        logger.LogWarning("Refused /api/messages from {Remote}: {Reason}", http.Connection.RemoteIpAddress, failure.Reason);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(detail,
            statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

/// <summary>The body of a 200 answer to an expectReplies activity.</summary>
public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);

/// <summary>How a bot answers an invoke: an activity of type "invokeResponse" with value {status, body} (as the SDK).</summary>
public static class InvokeResponse
{
    public const string ActivityType = "invokeResponse";

    public static IResult ToResult(Activity response)
    {
        var status = StatusCodes.Status200OK;
        JsonElement? body = null;
        if (response.Value is { ValueKind: JsonValueKind.Object } value)
        {
            if (value.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) && code is >= 200 and <= 599) status = code;
            if (value.TryGetProperty("body", out var b) && b.ValueKind != JsonValueKind.Null) body = b;
        }
        return body is { } json ? TypedResults.Json(json, ProtocolJson.Options, statusCode: status) : TypedResults.StatusCode(status);
    }
}
