using System.Security.Cryptography;
using CitizenBot.Core.Demand;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;

namespace CitizenBot.Admin;

/// <summary>
/// Server-side dashboard sessions, as the cookie handler's session store: the cookie carries only a random session
/// id, the ticket lives in the demand store (SQLite, or PostgreSQL shared by every replica) and is looked up on every
/// request. Signing out deletes it, so a copied cookie stops working at once.
/// </summary>
public sealed class AdminSessionStore(IDemandStore store, TimeProvider time) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var now = time.GetUtcNow();
        await store.DeleteSessionsExpiredBeforeAsync(now, CancellationToken.None); // at each sign-in, so the table stays small
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await store.CreateSessionAsync(Session(id, ticket), CancellationToken.None);
        return id;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => store.RenewSessionAsync(Session(key, ticket), CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var session = await store.FindSessionAsync(key, CancellationToken.None);
        return session is null || session.ExpiresAt <= time.GetUtcNow()
            ? null
            : TicketSerializer.Default.Deserialize(Convert.FromBase64String(session.Ticket));
    }

    public Task RemoveAsync(string key) => store.DeleteSessionAsync(key, CancellationToken.None);

    AdminSession Session(string id, AuthenticationTicket ticket) => new(id, ticket.Principal.Identity?.Name ?? "",
        Convert.ToBase64String(TicketSerializer.Default.Serialize(ticket)),
        ticket.Properties.ExpiresUtc ?? time.GetUtcNow() + AdminAuth.SessionLifetime);
}
