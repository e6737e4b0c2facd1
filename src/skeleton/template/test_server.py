"""The server's tests, with the standard library's unittest: python3 -m unittest -v"""

import json
import threading
import unittest
import urllib.error
import urllib.request

import server


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = server.make_server("127.0.0.1", 0)
        cls.base = "http://127.0.0.1:%d" % cls.server.server_address[1]
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def get(self, path):
        try:
            with urllib.request.urlopen(self.base + path) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)

    def test_health(self):
        self.assertEqual(self.get("/health"), (200, {"status": "ok"}))

    def test_other_paths_are_json_404s(self):
        self.assertEqual(self.get("/nope"), (404, {"error": "not found"}))


if __name__ == "__main__":
    unittest.main()
