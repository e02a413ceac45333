FROM node:22-slim
WORKDIR /app
COPY --from=0 /etc/hostname /tmp/h
USER node
