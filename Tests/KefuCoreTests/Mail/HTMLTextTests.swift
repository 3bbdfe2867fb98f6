@testable import KefuCore
import Testing

extension MailTests {
    @Suite struct HTMLTextTests {
        @Test func dropsStyleScriptHeadAndComments() {
            let html = """
                <html><head><title>T</title><style>p { color: red }</style></head>
                <body><script type="text/javascript">var x = "<p>";</script><!-- hidden <p> -->Hello</body></html>
                """
            #expect(HTMLText.text(html) == "Hello")
        }

        @Test func blockElementsBreakLinesAndParagraphsLeaveAnEmptyLine() {
            #expect(HTMLText.text("<div>one</div><div>two</div><div><br></div><div>three</div>") == "one\ntwo\n\nthree")
            #expect(HTMLText.text("<p>first</p><p>second<br>line</p>") == "first\n\nsecond\nline")
            #expect(HTMLText.text("<ul><li>a</li><li>b</li></ul>after") == "a\nb\n\nafter")
            #expect(HTMLText.text("<table><tr><td>电话</td><td>021</td></tr></table>") == "电话 021")
        }

        @Test func collapsesWhiteSpaceOutsidePre() {
            #expect(HTMLText.text("a \n\t  b<pre>x  y\n  z</pre>") == "a b\nx  y\nz")
        }

        @Test func decodesCharacterReferences() {
            #expect(
                HTMLText.text("&lt;a&gt; &amp; &quot;b&quot; &#20320;&#x597D;&nbsp;&nbsp;x &copy; &unknown; &")
                    == "<a> & \"b\" 你好  x © &unknown; &")
        }

        @Test func aLoneLessThanIsText() {
            #expect(HTMLText.text("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2")
        }
    }
}
