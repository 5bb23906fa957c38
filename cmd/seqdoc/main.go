// Command seqdoc turns browser captures (HAR) of an AWS ALB + Amazon Cognito
// sign-in into documentation pages, renders Mermaid sequence diagrams to SVG,
// and builds and serves a cookbook site. See README.md.
package main

import "os"

func main() { os.Exit(main1()) }
