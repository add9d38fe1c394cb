namespace EduInfo.Api.Security;

/// <summary>
/// An external identity provider (e.g. the state's e-government IdP): its tokens must carry the same claims as
/// ours — <c>sub</c>, <c>grant</c> ("role@scope", repeated) and optionally <c>person</c>.
/// </summary>
public sealed class ExternalIdentityProvider
{
    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>RSA public keys (PEM) that sign its tokens; several while keys rotate.</summary>
    public List<string> SigningKeysPem { get; set; } = [];
}
