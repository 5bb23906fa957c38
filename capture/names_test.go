package capture

import "testing"

func TestClosestName(t *testing.T) {
	ns := nameSet{"username": true, "password": true, "cognito": true, "state": true, "id": true, "x-amz-cognito-request-id": true}
	for name, want := range map[string]string{
		"usrname":  "username", // one deletion
		"usernmae": "username", // a swap of two letters: one edit
		"pasword":  "password",
		"cognitoo": "cognito",
		"stat":     "state",
		"idd":      "id", // one edit for a three-letter name
		"sid":      "id",
		"zz":       "", // too short to guess
		"session":  "", // nothing close
		"username": "username",
	} {
		if got := ns.closest(name); got != want {
			t.Errorf("closest(%q) = %q, want %q", name, got, want)
		}
	}
}
