using EduInfo.IntegrationTests.Infrastructure;
using EduInfo.Tools.Demo;

namespace EduInfo.IntegrationTests.Web.Infrastructure;

/// <summary>
/// The real Api on Kestrel (see <see cref="ApiHost"/>) as a browser sees it: at http://localhost:PORT, not 127.0.0.1,
/// because the session cookie is Secure and Chromium keeps Secure cookies over plain http on localhost only. The browser
/// collection shares one; a class that needs its own (another setting, a fresh cluster) derives one as a class fixture.
/// </summary>
public class WebHost : ApiHost
{
    public Uri Origin => new($"http://localhost:{BaseAddress.Port}");

    /// <summary>The demo login of a role (e.g. "parent", "class.teacher": docs/demo-country.md).</summary>
    public DemoAccounts.Credential Account(string login) => Registry.Credentials.Single(c => c.Login == login);
}
