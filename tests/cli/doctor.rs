//! `groundwork doctor`: what it reports for every blueprint, as JSON.

use crate::support::{Test, json};

#[test]
fn doctor_json_reports_every_blueprint() {
    let run = Test::new().args(["doctor", "--json"]).run();
    assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
    let report = json(&run.stdout);
    assert!(report["git"]["ok"].is_boolean());
    for b in report["blueprints"].as_array().unwrap() {
        assert!(b["id"].is_string() && b["ready"].is_boolean());
        for tool in b["tools"].as_array().unwrap() {
            assert!(tool["command"].is_string() && tool["ok"].is_boolean());
        }
    }
    let node = Test::new().args(["doctor", "node", "--json"]).run();
    let report = json(&node.stdout);
    assert_eq!(report["blueprints"].as_array().unwrap().len(), 1);
    let ready = report["blueprints"][0]["ready"].as_bool().unwrap();
    node.status(i32::from(!ready));
}
