package typo

// Every test binary takes -update (internal/golden's flag), so that
// "go test ./... -update" runs; this package's tests have no golden file.
import _ "github.com/seqdoc/seqdoc/internal/golden"
