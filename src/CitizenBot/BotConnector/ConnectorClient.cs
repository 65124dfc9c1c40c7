using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CitizenBot.Core.Protocol;

namespace CitizenBot.BotConnector;

/// <summary>
/// Sends the bot's activities to the channel's Bot Connector service at the incoming <c>serviceUrl</c>
/// (docs/architecture.md, "Bot Connector"): a reply goes to …/activities/{replyToId}, anything else to …/activities.
/// </summary>
public sealed class ConnectorClient(IHttpClientFactory clients, ConnectorTokenProvider tokens)
{
    public const string ClientName = "BotConnector.Replies";

    /// <summary>Returns the id the connector gave the activity, when it said one.</summary>
    public async Task<string?> SendAsync(string serviceUrl, Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation.id.", nameof(activity));
        var url = ActivitiesUrl(serviceUrl, conversationId, activity.ReplyToId);
        // The channel assigns these (A2031, A2041, A2302).
        activity.Id = null;
        activity.Timestamp = null;
        activity.ServiceUrl = null;
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options);

        using var response = await PostAsync(url, body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            tokens.Invalidate(); // A revoked or rotated secret: the next delivery fetches a new token.
        if (!response.IsSuccessStatusCode)
            throw new ConnectorException($"POST {url} answered {(int)response.StatusCode}.");
        return await ReadIdAsync(response, cancellationToken);
    }

    async Task<HttpResponseMessage> PostAsync(Uri url, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (await tokens.GetTokenAsync(cancellationToken) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// The serviceUrl's scheme, host, port and path, then the escaped segments (Uri.EscapeDataString, as the SDK's
    /// Conversations.cs): an ID cannot add a segment, a query or a fragment, and the serviceUrl's own query or
    /// fragment (refused earlier by <see cref="ServiceUrlPolicy"/>) is dropped rather than allowed to cut the path short.
    /// </summary>
    public static Uri ActivitiesUrl(string serviceUrl, string conversationId, string? replyToId)
    {
        var builder = new UriBuilder(serviceUrl) { Query = string.Empty, Fragment = string.Empty };
        string[] segments = replyToId is { Length: > 0 }
            ? ["v3", "conversations", conversationId, "activities", replyToId]
            : ["v3", "conversations", conversationId, "activities"];
        builder.Path = builder.Path.TrimEnd('/') + "/" + string.Join('/', segments.Select(Uri.EscapeDataString));
        return builder.Uri;
    }

    static async Task<string?> ReadIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.Length == 0) return null;
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null; // The ResourceResponse is informative only; the activity was accepted.
        }
    }
}
