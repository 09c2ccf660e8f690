package cn.idnode.node.data;

/**
 * The outcome of one item of a batch call (snms-api.md §3.4, §3.6).
 *
 * @param status SNMS status of the item: 1 success, -2 refused, -3 no permission
 */
public record ItemResult(String handle, int status, String message) {
    public static final String SUCCESS = "success";

    public static ItemResult ok(String handle) {
        return new ItemResult(handle, 1, SUCCESS);
    }

    public boolean succeeded() {
        return status == 1;
    }
}
