using EduInfo.Grains.Classes.ReadModels;
using EduInfo.Grains.Interfaces.Assessment;
using EduInfo.Grains.Interfaces.Journal;

namespace EduInfo.Grains.Classes;

// Reads for people: the teacher's grid and a student's standings, each a read model over the ledger.
public sealed partial class ClassGrain
{
    public async Task<ClassJournalView?> GetJournal(string subjectId, int term)
    {
        if (_class is null || _ledger is null || _ledger.Rules.Dates(term) is not { } dates)
        {
            return null;
        }
        var rows = await journal.ReadClassSubjectRowsAsync(ClassId, _class.AcademicYear, subjectId, dates.Starts, dates.Ends);
        return JournalGrid.Of(ClassId, subjectId, term, rows, _ledger, Today, _watermark);
    }

    public Task<StudentStandings> GetStandings(string studentId) =>
        Task.FromResult(StandingsView.Of(ClassId, studentId, _ledger, Today));

    public Task<ClassWarningsView?> GetWarnings(int term) =>
        Task.FromResult(_ledger?.Rules.Dates(term) is null ? null : ClassWarningsView.Of(ClassId, term, _ledger.Warnings(term, Today)));
}
