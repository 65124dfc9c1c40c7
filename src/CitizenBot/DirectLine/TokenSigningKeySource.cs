using System.Security.Cryptography;
using CitizenBot.Demand;
using CitizenBot.Hosting;
using CitizenBot.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>
/// The key that signs Direct Line tokens. <c>DirectLine:TokenSigningKey</c> when it is set; else a random key generated
/// once and kept in the configured store — the file <c>{Storage:DataDirectory}/directline-token-key</c> on SQLite, the
/// <c>host_secret</c> table on PostgreSQL (the first replica's key wins) — sealed by the data-protection key ring, so a
/// restarted host and every replica accept the tokens open chats hold. A key per process would end every open chat at
/// each restart (Web Chat's token then gets 403).
/// </summary>
public sealed class TokenSigningKeySource(IOptions<DirectLineOptions> options, IOptions<StorageOptions> storage,
    IDataProtectionProvider dataProtection, IServiceProvider services, ILogger<TokenSigningKeySource> logger)
{
    public const string FileName = "directline-token-key";
    const string SecretName = "directline-token-key";
    const string Purpose = "CitizenBot.DirectLine.TokenSigningKey";

    public byte[] Key()
    {
        if (options.Value.TokenSigningKey is { Length: > 0 } configured)
            return System.Text.Encoding.UTF8.GetBytes(configured);
        var protector = dataProtection.CreateProtector(Purpose);
        var candidate = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var ring = services.GetService<DemandStorage>()?.DataSource is { } dataSource ? new PostgresKeyRing(dataSource) : null;
        var file = Path.Combine(storage.Value.ResolvedDataDirectory, FileName);
        var sealedKey = ring is not null ? ring.SharedSecret(SecretName, candidate) : FileSecret(file, candidate);
        try
        {
            return Convert.FromBase64String(protector.Unprotect(sealedKey));
        }
        catch (CryptographicException e)
        {
            // The key ring that sealed it is gone (a data folder restored without its keys): the tokens it signed cannot
            // be checked any more whatever is done, so a new key replaces it rather than every request failing.
            logger.LogWarning("The stored Direct Line token key could not be unsealed ({Error}); a new one replaces it and open chats start again", e.GetType().Name);
            if (ring is not null)
                sealedKey = ring.ReplaceSecret(SecretName, sealedKey, candidate);
            else
                File.WriteAllText(file, sealedKey = candidate);
            return Convert.FromBase64String(protector.Unprotect(sealedKey));
        }
    }

    /// <summary>The file's content; when there is no file, <paramref name="candidate"/> written to it (readable by this user only) unless another process wrote it first.</summary>
    static string FileSecret(string path, string candidate)
    {
        if (File.Exists(path))
            return File.ReadAllText(path);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, create))
            writer.Write(candidate);
        try
        {
            File.Move(temporary, path, overwrite: false);
            return candidate;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another host process on the same folder came first: its key is the key
            return File.ReadAllText(path);
        }
    }
}
