// Package golden compares test output with golden files kept in testdata.
//
// Run the tests with -update to (re)write the golden files, then review the
// change as a diff. On a mismatch Check writes the output beside the golden
// file as <name>.got<ext> (git-ignore "*.got.*") and fails with a short
// line diff.
package golden
