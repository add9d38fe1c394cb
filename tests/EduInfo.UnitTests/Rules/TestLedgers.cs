using EduInfo.Domain.Assessment;
using EduInfo.Domain.Calendar;
using EduInfo.Domain.Journal;
using EduInfo.Domain.Metrics;
using EduInfo.Domain.Registry;

namespace EduInfo.UnitTests.Rules;

/// <summary>A ledger of a class with no assignments (every subject counts as taught) on the rules given.</summary>
internal static class TestLedgers
{
    public static ClassLedger Of(string organizationKind, int grade, SchoolCalendar? calendar, IReadOnlyList<AssessmentPolicy> policies,
        IReadOnlySet<int> closedTerms, IReadOnlyList<Enrolment> enrolments) =>
        new(new ClassRules(new ClassRecord("C1", "O1", "2026-2027", grade, enrolments, [], organizationKind), calendar, policies, closedTerms));
}
