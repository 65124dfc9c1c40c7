using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using CitizenBot.Demand;
using CitizenBot.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CitizenBot.Hosting;

/// <summary>How the data-protection keys (which seal the dashboard's cookies) are protected at rest. Section "DataProtection".</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts every key as it is stored, and decrypts it when read.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password, if it has one.</summary>
    public string? CertificatePassword { get; set; }
}

public static class KeyRingServices
{
    /// <summary>
    /// The ASP.NET Core data-protection key ring: in PostgreSQL when configured (every replica reads every replica's
    /// cookies; the first key is created once, under an advisory lock, by <see cref="FirstKeyStartup"/> as a step of
    /// <see cref="DatabaseStartup"/>), else in
    /// {Storage:DataDirectory}/keys. With DataProtection:CertificatePath the keys are encrypted at rest with that certificate.
    /// </summary>
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        // Read here, not bound: the framework takes the certificate at registration (UnprotectKeysWithAnyCertificate fills
        // XmlKeyDecryptionOptions, which is internal, so no options callback can supply it later). A certificate that cannot
        // be read stops start-up here, naming the setting.
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();

        var dataProtection = services.AddDataProtection().SetApplicationName("CitizenBot");
        // Where the keys are kept follows the storage AddStorage chose.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = StorageServices.Shared(sp) is { } dataSource
                ? new DatabaseXmlRepository(new PostgresKeyRing(dataSource))
                : new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolvedDataDirectory, "keys")),
                    sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<FirstKeyStartup>();

        if (LoadCertificate(options) is { } certificate)
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        return services;
    }

    static X509Certificate2? LoadCertificate(KeyRingOptions options)
    {
        if (options.CertificatePath is not { Length: > 0 } path)
            return null;
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            return certificate.HasPrivateKey ? certificate
                : throw new InvalidOperationException($"DataProtection:CertificatePath '{path}' has no private key; keys could be stored but never read back.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath '{path}' could not be loaded as a PKCS#12 file (with DataProtection:CertificatePassword): {e.Message}", e);
        }
    }
}

/// <summary>Data-protection keys in the shared database (see <see cref="PostgresKeyRing"/>).</summary>
sealed class DatabaseXmlRepository(PostgresKeyRing ring) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => ring.LoadAll().Select(x => XElement.Parse(x)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        ring.Store(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}

/// <summary>
/// Replicas starting together would each create a first key and refuse each other's cookies until their key rings
/// refresh; this step of <see cref="DatabaseStartup"/>, before the host is ready, creates it once: under an advisory
/// lock, only if no usable key exists.
/// </summary>
public sealed class FirstKeyStartup(IKeyManager keys, DemandStorage storage, TimeProvider time, ILogger<FirstKeyStartup> logger)
{
    public void CreateFirstKey()
    {
        var created = new PostgresKeyRing(storage.DataSource!).WithCreationLock(() =>
        {
            var now = time.GetUtcNow();
            if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now + TimeSpan.FromDays(2)))
                return false;
            keys.CreateNewKey(now, now + TimeSpan.FromDays(90));
            return true;
        });
        if (created) logger.LogInformation("Created the first data-protection key in the shared key ring");
    }
}
