FROM node:22-slim
COPY tool-1.0.0.tgz /tmp/
RUN npm install -g /tmp/tool-1.0.0.tgz
USER node
