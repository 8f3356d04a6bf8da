"""jupyter_kernel_test against the installed kernelspec "edgeworks"."""
import unittest

import jupyter_kernel_test


class EdgeworksKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "edgeworks"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'
    completion_samples = [{"text": "Math.PI.toFix", "matches": {"toFixed"}}]
    complete_code_samples = ["1", 'console.log("done")', "const a = 1;"]
    incomplete_code_samples = ["function f() {", "const x = ["]
    code_generate_error = 'throw new Error("planned failure")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"abc".length', "result": "3"},
    ]
    code_display_data = [
        {"code": 'import * as tslab from "tslab"; tslab.display.html("<b>hi</b>")', "mime": "text/html"},
        {
            "code": 'import { show } from "edgeworks/kernel"; await show([{ a: 1, b: 2 }, { a: 3, b: 4 }])',
            "mime": "text/html",
        },
    ]
    code_history_pattern = "6 * 7*"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_clear_output = 'import { clearOutput } from "edgeworks/kernel"; clearOutput()'


if __name__ == "__main__":
    unittest.main()
