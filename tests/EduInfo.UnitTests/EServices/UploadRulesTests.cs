using System.Text;
using EduInfo.Domain.EServices;

namespace EduInfo.UnitTests.EServices;

public sealed class UploadRulesTests
{
    private static byte[] Bytes(string start, int size = 64)
    {
        var head = start.StartsWith("0x", StringComparison.Ordinal) ? Convert.FromHexString(start[2..]) : Encoding.ASCII.GetBytes(start);
        var bytes = new byte[Math.Max(size, head.Length)];
        head.CopyTo(bytes, 0);
        return bytes;
    }

    [Theory]
    [InlineData("%PDF-1.7\n", "Pdf")]
    [InlineData("0x89504E470D0A1A0A0000000D49484452", "Png")]
    [InlineData("0xFFD8FFE000104A464946", "Jpeg")]
    [InlineData("0xFFD8FFDB", "Jpeg")]
    [InlineData("<!DOCTYPE html><script>alert(1)</script>", null)]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", null)]
    [InlineData("%PDF", null)] // no version dash: not a PDF header
    [InlineData(" %PDF-1.7", null)] // a PDF's header is at its start here
    [InlineData("0x504B0304", null)] // a ZIP (a DOCX) named .pdf
    [InlineData("GIF89a", null)]
    public void The_type_is_told_by_the_bytes(string start, string? type) =>
        Assert.Equal(type, UploadRules.Sniff(Bytes(start))?.ToString());

    [Theory]
    [InlineData(0, ApplicationState.Filed, 0, UploadError.Empty)]
    [InlineData(UploadRules.MaxBytes + 1, ApplicationState.Filed, 0, UploadError.TooLarge)]
    [InlineData(UploadRules.MaxBytes, ApplicationState.Filed, 0, null)]
    [InlineData(1000, ApplicationState.InReview, 19, null)]
    [InlineData(1000, ApplicationState.InReview, 20, UploadError.TooMany)]
    [InlineData(1000, ApplicationState.Approved, 0, UploadError.NotNow)]
    [InlineData(1000, ApplicationState.Withdrawn, 0, UploadError.NotNow)]
    public void A_document_is_taken_while_the_office_owes_its_decision_within_the_limits(int size, ApplicationState state, int already, UploadError? error)
    {
        var content = size == 0 ? [] : Bytes("%PDF-1.4", size);
        Assert.Equal(error, UploadRules.Check(content, state, already));
    }
}
