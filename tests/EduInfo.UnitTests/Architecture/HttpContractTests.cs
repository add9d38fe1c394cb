using System.Reflection;

namespace EduInfo.UnitTests.Architecture;

/// <summary>No Storage type is an HTTP contract (issue 14): checked on the Api's endpoints and on deliberate violators.</summary>
public sealed class HttpContractTests
{
    [Fact]
    public void No_endpoint_answers_with_a_Storage_type()
    {
        var endpoints = Assembly.Load(Assemblies.Api).GetTypes().Where(t => t.Namespace == "EduInfo.Api.Endpoints").ToList();
        Assert.True(endpoints.Count >= 10, "the Api's endpoint classes were found");
        Assert.Empty(HttpContracts.StorageTypesAnswered(endpoints));
    }

    [Fact]
    public void A_handler_answering_a_stored_record_is_named_directly_or_inside_a_record()
    {
        var found = HttpContracts.StorageTypesAnswered([typeof(Violators.Api.EndpointsThatAnswerStorageTypes)]);
        Assert.Equal(
        [
            "EndpointsThatAnswerStorageTypes.InARecord → EduInfo.Storage.Audit.AuditRecord",
            "EndpointsThatAnswerStorageTypes.Records → EduInfo.Storage.Audit.AuditRecord",
        ], found);
    }
}
