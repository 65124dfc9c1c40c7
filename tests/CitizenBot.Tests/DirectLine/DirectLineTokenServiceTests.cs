using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.DirectLine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Tests.DirectLine;

/// <summary>
/// Direct Line tokens as written and checked by <see cref="DirectLineTokenService"/> (JsonWebTokenHandler): the shape
/// Web Chat decodes, expiry on the host's clock told apart from forgery, and the signature, algorithm and claims enforced.
/// </summary>
public sealed class DirectLineTokenServiceTests
{
    const string Key = "token-service-test-signing-key-of-32-bytes";
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    DirectLineTokenService Service(string key = Key) =>
        new(TimeSpan.FromMinutes(2), _clock, () => Encoding.UTF8.GetBytes(key));

    static JsonObject Part(string token, int index) => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();

    [Fact]
    public void A_token_is_an_HS256_JWT_whose_user_claim_Web_Chat_reads_and_it_checks_until_it_expires()
    {
        var tokens = Service();
        var token = tokens.Issue("conv-1", "dl_user");

        Assert.Equal("HS256", (string?)Part(token, 0)["alg"]);
        var payload = Part(token, 1);
        Assert.Equal(("conv-1", "dl_user"), ((string?)payload["conv"], (string?)payload["user"]));
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds() + 120, (long)payload["exp"]!);

        Assert.Equal(TokenCheck.Valid, tokens.Check(token, out var claims));
        Assert.Equal(new DirectLineTokenClaims("conv-1", "dl_user", _clock.GetUtcNow().AddMinutes(2)), claims);
        Assert.Equal(TokenCheck.Valid, Service().Check(token, out _)); // another replica with the same key

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TokenCheck.Expired, tokens.Check(token, out claims));
        Assert.Null(claims);
    }

    /// <summary>
    /// A token checked once is remembered with its claims (every post brings it), so later checks read only its expiry:
    /// still on the host's clock, still per token (an altered copy is checked in full), and past the bound of remembered
    /// tokens the earlier ones check as before.
    /// </summary>
    [Fact]
    public void A_token_checked_again_answers_the_same_until_it_expires_and_many_tokens_do_not_change_that()
    {
        var tokens = Service();
        var token = tokens.Issue("conv-1", "dl_user");
        Assert.Equal(TokenCheck.Valid, tokens.Check(token, out var first));
        var parts = token.Split('.');
        Assert.Equal(TokenCheck.Invalid, tokens.Check($"{parts[0]}.{parts[1]}.{parts[2][..^2]}", out _));

        var others = Enumerable.Range(0, DirectLineTokenService.RememberedTokens + 10).Select(i => tokens.Issue($"conv-{i + 2}", "dl_user")).ToList();
        Assert.All(others, t => Assert.Equal(TokenCheck.Valid, tokens.Check(t, out _)));
        Assert.Equal(TokenCheck.Valid, tokens.Check(token, out var again));
        Assert.Equal(first, again);
        Assert.Equal(TokenCheck.Valid, tokens.Check(others[^1], out var last));
        Assert.Equal("conv-" + (others.Count + 1), last!.ConversationId);

        _clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1));
        Assert.Equal(TokenCheck.Valid, tokens.Check(token, out _));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(TokenCheck.Expired, tokens.Check(token, out var expired));
        Assert.Null(expired);
        Assert.Equal(TokenCheck.Expired, tokens.Check(token, out _)); // forgotten, then checked in full: still expired
    }

    [Fact]
    public void A_forged_altered_unsigned_or_claimless_token_is_invalid()
    {
        var tokens = Service();
        var token = tokens.Issue("conv-1", "dl_user");
        var parts = token.Split('.');
        static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        var exp = _clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds();

        Assert.Equal(TokenCheck.Invalid, tokens.Check(Service("another-key-of-at-least-thirty-two-bytes").Issue("conv-1", "dl_user"), out _));
        Assert.Equal(TokenCheck.Invalid, tokens.Check($"{parts[0]}.{Encode($$"""{"conv":"conv-2","user":"dl_user","exp":{{exp}}}""")}.{parts[2]}", out _));
        Assert.Equal(TokenCheck.Invalid, tokens.Check($"{Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.", out _));
        Assert.Equal(TokenCheck.Invalid, tokens.Check(Signed($$"""{"user":"dl_user","exp":{{exp}}}"""), out _)); // no conversation
        Assert.Equal(TokenCheck.Invalid, tokens.Check(Signed("""{"conv":"conv-1","user":"dl_user"}"""), out _)); // never expires
        Assert.Equal(TokenCheck.Invalid, tokens.Check("not a token", out _));
        Assert.Equal(TokenCheck.Valid, tokens.Check(Signed($$"""{"conv":"conv-1","user":"dl_user","iat":1,"exp":{{exp}}}"""), out _)); // the hand-made shape of earlier builds
    }

    /// <summary>A token signed with the test key, written by hand as builds before JsonWebTokenHandler wrote them.</summary>
    static string Signed(string payload)
    {
        var input = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        return input + "." + Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(input)));
    }
}
