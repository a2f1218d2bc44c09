package dev.framelift.trainer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Path2D;

/**
 * One rendering of a {@link LossChart}: the plot rectangle, the step axis, the loss axis on the
 * left, the validation axis on the right, and what is drawn on them. Used once, by one thread.
 */
final class LossPlot {
    private static final int LEFT = 80;
    private static final int RIGHT = 80;
    private static final int TOP = 70;
    private static final int BOTTOM = 60;
    private static final Color[] LOSS_COLORS = {new Color(0x1A73E8), new Color(0xE8710A), new Color(0xC5221F)};
    private static final String[] LOSS_NAMES = {"g_l1", "g_adv", "d_loss"};
    private static final Color VAL_COLOR = new Color(0x188038);
    private static final Color GRID = new Color(0xE0E0E0);
    private static final Color INK = new Color(0x202124);


    private final Graphics2D g;
    private final LossCsv data;
    private final int x0;
    private final int y0;
    private final int w;
    private final int h;
    private final Axis xAxis;
    private final Axis left;
    private final Axis right;
    private final double[][] losses;

    LossPlot(Graphics2D g, LossCsv data, int width, int height) {
        this.g = g;
        this.data = data;
        this.x0 = LEFT;
        this.y0 = TOP;
        this.w = Math.max(10, width - LEFT - RIGHT);
        this.h = Math.max(10, height - TOP - BOTTOM);
        this.losses = new double[][] {data.l1(), data.adv(), data.d()};
        long first = data.steps()[0];
        long last = data.steps()[data.size() - 1];
        xAxis = Axis.exact(Math.min(0, Math.min(first, last)), Math.max(first, last));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] s : losses) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            min = 0;
            max = 1;
        }
        left = min > 0 && max / min > 20 ? Axis.log(min, max) : Axis.linear(Math.min(0, min), max);
        double vmin = Double.POSITIVE_INFINITY;
        double vmax = Double.NEGATIVE_INFINITY;
        for (double v : data.val()) {
            if (Double.isFinite(v)) {
                vmin = Math.min(vmin, v);
                vmax = Math.max(vmax, v);
            }
        }
        right = vmin == Double.POSITIVE_INFINITY ? null : Axis.linear(vmin, vmax);
    }

    void draw() {
        drawGrid();
        drawPhases();
        for (int s = 0; s < losses.length; s++) {
            drawLoss(losses[s], LOSS_COLORS[s]);
        }
        if (right != null) {
            drawValidation();
        }
        drawFrame();
        drawLegend();
    }

    int px(double step) {
        return x0 + (int) Math.round(xAxis.fraction(step) * w);
    }

    int py(Axis a, double v) {
        return y0 + h - (int) Math.round(a.fraction(v) * h);
    }

    void drawGrid() {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double t : left.ticks()) {
            int y = py(left, t);
            g.setColor(GRID);
            g.drawLine(x0, y, x0 + w, y);
            g.setColor(INK);
            String s = Axis.format(t);
            g.drawString(s, x0 - 8 - g.getFontMetrics().stringWidth(s), y + 4);
        }
        for (double t : xAxis.ticks()) {
            int x = px(t);
            g.setColor(GRID);
            g.drawLine(x, y0, x, y0 + h);
            g.setColor(INK);
            String s = Axis.format(t);
            g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y0 + h + 18);
        }
        if (right != null) {
            g.setColor(VAL_COLOR);
            for (double t : right.ticks()) {
                g.drawString(Axis.format(t), x0 + w + 8, py(right, t) + 4);
            }
        }
        g.setColor(INK);
        g.drawString("step", x0 + w / 2 - 12, y0 + h + 40);
        drawRotated("loss" + (left.log ? " (log scale)" : ""), 22, y0 + h / 2, INK);
        if (right != null) {
            drawRotated("validation metric", x0 + w + RIGHT - 14, y0 + h / 2, VAL_COLOR);
        }
    }

    void drawRotated(String s, int x, int y, Color c) {
        Graphics2D r = (Graphics2D) g.create();
        r.setColor(c);
        r.translate(x, y);
        r.rotate(-Math.PI / 2);
        r.drawString(s, -r.getFontMetrics().stringWidth(s) / 2, 0);
        r.dispose();
    }

    void drawPhases() {
        Stroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 5}, 0);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        String[] phases = data.phases();
        int start = 0;
        for (int i = 1; i <= data.size(); i++) {
            if (i == data.size() || !phases[i].equals(phases[i - 1])) {
                int xs = px(data.steps()[start]);
                g.setColor(Color.GRAY);
                g.drawString(phases[start], xs + 6, y0 + 16);
                if (i < data.size()) {
                    int xb = px((data.steps()[i - 1] + data.steps()[i]) / 2.0);
                    Stroke old = g.getStroke();
                    g.setStroke(dashed);
                    g.drawLine(xb, y0, xb, y0 + h);
                    g.setStroke(old);
                }
                start = i;
            }
        }
    }

    void drawLoss(double[] v, Color c) {
        boolean smooth = LossChart.countFinite(v) > LossChart.SMOOTH_ABOVE;
        if (smooth) {
            g.setStroke(new BasicStroke(1f));
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
            polyline(v);
            g.setStroke(new BasicStroke(2f));
            g.setColor(c);
            polyline(LossChart.movingAverage(v, Math.max(3, LossChart.countFinite(v) / 50)));
        } else {
            g.setStroke(new BasicStroke(2f));
            g.setColor(c);
            polyline(v);
        }
        g.setStroke(new BasicStroke(1f));
    }

    void polyline(double[] v) {
        Path2D.Double path = new Path2D.Double();
        boolean open = false;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i]) || (left.log && v[i] <= 0)) {
                open = false; // a gap: the loss does not apply here
                continue;
            }
            double x = px(data.steps()[i]);
            double y = py(left, v[i]);
            if (open) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                open = true;
            }
        }
        g.draw(path);
    }

    void drawValidation() {
        g.setColor(VAL_COLOR);
        g.setStroke(new BasicStroke(1.5f));
        int px = -1;
        int py = -1;
        for (int i = 0; i < data.size(); i++) {
            double v = data.val()[i];
            if (!Double.isFinite(v)) {
                continue;
            }
            int x = px(data.steps()[i]);
            int y = py(right, v);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            g.fillOval(x - 4, y - 4, 8, 8);
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    void drawFrame() {
        g.setColor(INK);
        g.drawRect(x0, y0, w, h);
    }

    void drawLegend() {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(INK);
        g.drawString("Training losses", x0, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x = x0;
        int y = 50;
        for (int s = 0; s < LOSS_NAMES.length; s++) {
            if (LossChart.countFinite(losses[s]) == 0) {
                continue;
            }
            g.setColor(LOSS_COLORS[s]);
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x, y - 4, x + 24, y - 4);
            g.setColor(INK);
            g.drawString(LOSS_NAMES[s], x + 30, y);
            x += 40 + g.getFontMetrics().stringWidth(LOSS_NAMES[s]) + 20;
        }
        g.setStroke(new BasicStroke(1f));
        if (right != null) {
            g.setColor(VAL_COLOR);
            g.fillOval(x + 8, y - 8, 8, 8);
            g.setColor(INK);
            g.drawString("val_metric (right axis)", x + 24, y);
        }
    }
}
