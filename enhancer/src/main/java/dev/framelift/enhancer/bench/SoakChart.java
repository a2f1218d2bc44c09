package dev.framelift.enhancer.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * The soak's memory curve as a PNG line chart, in plain Java2D: frames enhanced across, MiB up
 * (from zero), the enhancer's resident memory, the heap in use after the last collection and the
 * heap committed, and the memory budget as a dashed line. Stateless.
 */
final class SoakChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final Color RESIDENT = new Color(0x1A73E8);
    private static final Color HEAP_USED = new Color(0xE8710A);
    private static final Color HEAP_COMMITTED = new Color(0x188038);
    private static final Color BUDGET = new Color(0xC5221F);

    private SoakChart() {
    }

    /** @param budgetMib the memory target, drawn dashed */
    static void write(List<EnhancerProcess.Sample> curve, double budgetMib, String title, Path png) throws IOException {
        if (png.toAbsolutePath().getParent() != null) {
            Files.createDirectories(png.toAbsolutePath().getParent());
        }
        if (!ImageIO.write(render(curve, budgetMib, title), "png", png.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    static BufferedImage render(List<EnhancerProcess.Sample> curve, double budgetMib, String title) {
        if (curve.isEmpty()) {
            throw new IllegalArgumentException("no soak samples to draw");
        }
        final double maxX = Math.max(1, curve.get(curve.size() - 1).frames());
        double maxY = budgetMib;
        for (EnhancerProcess.Sample s : curve) {
            maxY = Math.max(maxY, Math.max(s.residentMib(), s.heapCommittedMib()));
        }
        maxY = niceStep(maxY / 5) * Math.ceil(maxY * 1.05 / niceStep(maxY / 5));
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        final Plot plot = new Plot(maxX, maxY);
        axes(g, plot);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
        g.setColor(BUDGET);
        g.drawLine(LEFT, plot.y(budgetMib), WIDTH - RIGHT, plot.y(budgetMib));
        g.drawString(String.format("budget %.0f MiB", budgetMib), WIDTH - RIGHT - 120, plot.y(budgetMib) - 5);
        g.setStroke(new BasicStroke(2f));
        line(g, plot, curve, EnhancerProcess.Sample::heapCommittedMib, HEAP_COMMITTED);
        line(g, plot, curve, EnhancerProcess.Sample::heapAfterGcMib, HEAP_USED);
        line(g, plot, curve, EnhancerProcess.Sample::residentMib, RESIDENT);
        legend(g);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 24);
        g.dispose();
        return image;
    }

    /** Data to pixels. */
    private record Plot(double maxX, double maxY) {
        int x(double frames) {
            return LEFT + (int) Math.round(frames / maxX * (WIDTH - LEFT - RIGHT));
        }

        int y(double mib) {
            return HEIGHT - BOTTOM - (int) Math.round(mib / maxY * (HEIGHT - TOP - BOTTOM));
        }
    }

    private static void axes(Graphics2D g, Plot plot) {
        final double stepY = niceStep(plot.maxY() / 5);
        final double stepX = niceStep(plot.maxX() / 8);
        for (double v = 0; v <= plot.maxY() + 1e-9; v += stepY) {
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(LEFT, plot.y(v), WIDTH - RIGHT, plot.y(v));
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.0f", v), LEFT - 45, plot.y(v) + 4);
        }
        for (double v = 0; v <= plot.maxX() + 1e-9; v += stepX) {
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(plot.x(v), TOP, plot.x(v), HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            final String label = String.format("%,.0f", v);
            final int width = g.getFontMetrics().stringWidth(label);
            g.drawString(label, Math.min(plot.x(v) - width / 2, WIDTH - 2 - width), HEIGHT - BOTTOM + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        g.drawString("frames enhanced", WIDTH / 2 - 45, HEIGHT - 12);
        g.drawString("MiB", 15, TOP + 12);
    }

    private static void line(Graphics2D g, Plot plot, List<EnhancerProcess.Sample> curve,
            ToDoubleFunction<EnhancerProcess.Sample> value, Color colour) {
        final Path2D.Double path = new Path2D.Double();
        boolean started = false;
        for (EnhancerProcess.Sample s : curve) {
            final double v = value.applyAsDouble(s);
            if (v < 0) {
                continue;
            }
            if (started) {
                path.lineTo(plot.x(s.frames()), plot.y(v));
            } else {
                path.moveTo(plot.x(s.frames()), plot.y(v));
                started = true;
            }
        }
        g.setColor(colour);
        g.draw(path);
    }

    private static void legend(Graphics2D g) {
        final String[] names = {"resident (VmRSS)", "heap used after GC", "heap committed"};
        final Color[] colours = {RESIDENT, HEAP_USED, HEAP_COMMITTED};
        int x = LEFT + 12;
        for (int i = 0; i < names.length; i++) {
            g.setColor(colours[i]);
            g.fillRect(x, TOP + 10, 14, 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString(names[i], x + 20, TOP + 16);
            x += 40 + g.getFontMetrics().stringWidth(names[i]);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
